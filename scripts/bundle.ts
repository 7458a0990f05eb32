/**
 * Bundles the CLI (and the audit worker) into dist/bundle/ with esbuild, after `tsc` has compiled dist/.
 *
 * Why: an officer runs protocol-lint on one draft at a time, and Node spends most of a short run resolving,
 * reading and compiling modules. The unbundled CLI loads about 300 ES modules for a Markdown draft (remark and
 * micromark are many small files); resolving, linking and compiling them took ~300 ms of a ~800 ms run. One
 * bundle with code-split chunks takes a fraction of that, and each format's reader is still its own chunk,
 * loaded only when a file of that format is read.
 *
 * Left outside the bundle (loaded from node_modules when needed): packages that locate their own files at
 * run time (pdfjs-dist and its worker, natural's data), and anything only tests use. The library entry
 * (dist/src/index.js) is not bundled.
 */
import { build, type Plugin } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = path.join(root, 'dist', 'bundle');

/** Packages loaded from node_modules at run time rather than bundled. */
const EXTERNAL = new Set(['natural', 'pdfjs-dist', 'ajv', 'playwright-core', 'typescript']);

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const externals: Plugin = {
  name: 'protocol-lint-externals',
  setup(b) {
    b.onResolve({ filter: /^[^./#]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      return EXTERNAL.has(packageName(args.path)) ? { external: true } : undefined;
    });
  },
};

export async function bundle(): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { cli: 'dist/src/cli.js', worker: 'dist/src/audit/worker.js' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // CommonJS dependencies inside an ES module bundle still call require() for Node built-ins.
    banner: { js: "import { createRequire as __plCreateRequire } from 'node:module'; const require = __plCreateRequire(import.meta.url);" },
    // Chunks sit beside the entries: code in them finds ./worker.js and ../../package.json from import.meta.url.
    logLevel: 'warning',
    plugins: [externals],
  });
  if (result.errors.length > 0) throw new Error(`bundle: ${result.errors.length} errors`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  bundle().catch((e: unknown) => {
    process.stderr.write(`bundle: ${(e as Error).message}\n`);
    process.exitCode = 1;
  });
}
