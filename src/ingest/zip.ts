/**
 * A small, defensive zip reader for Office files (.docx, .odt).
 *
 * - The central directory is parsed by hand; entry data is inflated with fflate's streaming `Inflate`, fed in
 *   small slices so that one push can only produce a bounded amount of output.
 * - Decompressed bytes are counted *while inflating* against one budget per archive
 *   (`limits.maxDecompressedBytes`); sizes written in the headers are never trusted for that.
 * - The number of entries is capped, and every entry's CRC-32 and size are checked, so a damaged archive is
 *   reported as damaged rather than read as garbage.
 */
import { Inflate } from 'fflate';

export type ZipProblem = 'damaged' | 'too-large' | 'too-many-entries' | 'encrypted' | 'unsupported-method';

export class ZipError extends Error {
  constructor(
    message: string,
    readonly problem: ZipProblem,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** More entries than this is not an Office document anyone wrote by hand or by Word. */
export const MAX_ZIP_ENTRIES = 20_000;
/** Compressed bytes pushed to the inflater at a time (bounds the output of one push to ~16 MiB). */
const INFLATE_SLICE = 16 * 1024;
const STORED_SLICE = 1024 * 1024;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;

export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7) && (bytes[3] === 4 || bytes[3] === 6 || bytes[3] === 8);
}

let CRC_TABLES: Int32Array[] | undefined;
/** Slicing-by-8 tables for CRC-32 (IEEE), built on first use. */
function crcTables(): Int32Array[] {
  if (!CRC_TABLES) {
    const t0 = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t0[n] = c;
    }
    const tables = [t0];
    for (let k = 1; k < 8; k++) {
      const prev = tables[k - 1]!;
      const t = new Int32Array(256);
      for (let n = 0; n < 256; n++) t[n] = t0[prev[n]! & 0xff]! ^ (prev[n]! >>> 8);
      tables.push(t);
    }
    CRC_TABLES = tables;
  }
  return CRC_TABLES;
}

/** CRC-32 of `chunk`, continuing from `crc` (0 to start). */
export function crc32(chunk: Uint8Array, crc = 0): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = crcTables() as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  let c = ~crc;
  let i = 0;
  const n = chunk.length;
  for (; i + 8 <= n; i += 8) {
    const a = (c ^ (chunk[i]! | (chunk[i + 1]! << 8) | (chunk[i + 2]! << 16) | (chunk[i + 3]! << 24))) | 0;
    c =
      t7[a & 0xff]! ^
      t6[(a >>> 8) & 0xff]! ^
      t5[(a >>> 16) & 0xff]! ^
      t4[a >>> 24]! ^
      t3[chunk[i + 4]!]! ^
      t2[chunk[i + 5]!]! ^
      t1[chunk[i + 6]!]! ^
      t0[chunk[i + 7]!]!;
  }
  for (; i < n; i++) c = t0[(c ^ chunk[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

const MiB = 1024 * 1024;

export class ZipReader {
  readonly entries: ZipEntry[] = [];
  private readonly byName = new Map<string, ZipEntry>();
  private readonly byLowerName = new Map<string, ZipEntry>();
  private used = 0;
  private readonly measured = new Set<ZipEntry>();
  private readonly view: DataView;

  /**
   * @param bytes the whole archive
   * @param maxBytes decompressed-bytes budget shared by every entry read from this archive
   */
  constructor(
    private readonly bytes: Uint8Array,
    readonly maxBytes: number,
    maxEntries = MAX_ZIP_ENTRIES,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.readDirectory(maxEntries);
  }

  private u16(at: number): number {
    return this.view.getUint16(at, true);
  }
  private u32(at: number): number {
    return this.view.getUint32(at, true);
  }
  private u64(at: number): number {
    const lo = this.view.getUint32(at, true);
    const hi = this.view.getUint32(at + 4, true);
    return hi * 0x1_0000_0000 + lo;
  }

  private damaged(why: string): never {
    throw new ZipError(why, 'damaged');
  }

  private readDirectory(maxEntries: number): void {
    const b = this.bytes;
    if (b.length < 22) this.damaged('too short to be a zip archive');
    // End of central directory: the last 22..65557 bytes.
    let eocd = -1;
    for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6 && this.u32(i) === SIG_EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) this.damaged('the end of the zip directory is missing; the file may be cut short');
    let count = this.u16(eocd + 10);
    let cdSize = this.u32(eocd + 12);
    let cdOffset = this.u32(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const loc = eocd - 20;
      if (loc >= 0 && this.u32(loc) === SIG_EOCD64_LOCATOR) {
        const at = this.u64(loc + 8);
        if (at + 56 > b.length || this.u32(at) !== SIG_EOCD64) this.damaged('the zip64 directory record is missing');
        count = this.u64(at + 32);
        cdSize = this.u64(at + 40);
        cdOffset = this.u64(at + 48);
      }
    }
    if (count > maxEntries) throw new ZipError(`it has ${count} parts (more than ${maxEntries})`, 'too-many-entries');
    if (cdOffset + cdSize > b.length) this.damaged('the zip directory points past the end of the file; the file may be cut short');
    let p = cdOffset;
    for (let n = 0; n < count; n++) {
      if (p + 46 > b.length || this.u32(p) !== SIG_CENTRAL) this.damaged('the zip directory is corrupt');
      const flags = this.u16(p + 8);
      const method = this.u16(p + 10);
      const crc = this.u32(p + 16);
      let compressedSize = this.u32(p + 20);
      let uncompressedSize = this.u32(p + 24);
      const nameLen = this.u16(p + 28);
      const extraLen = this.u16(p + 30);
      const commentLen = this.u16(p + 32);
      let localOffset = this.u32(p + 42);
      const nameStart = p + 46;
      if (nameStart + nameLen + extraLen + commentLen > b.length) this.damaged('the zip directory is corrupt');
      const rawName = b.subarray(nameStart, nameStart + nameLen);
      const name = flags & 0x800 ? new TextDecoder('utf-8').decode(rawName) : new TextDecoder('latin1').decode(rawName);
      // zip64 extra field
      let e = nameStart + nameLen;
      const extraEnd = e + extraLen;
      while (e + 4 <= extraEnd) {
        const id = this.u16(e);
        const size = this.u16(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (uncompressedSize === 0xffffffff && q + 8 <= e + 4 + size) (uncompressedSize = this.u64(q)), (q += 8);
          if (compressedSize === 0xffffffff && q + 8 <= e + 4 + size) (compressedSize = this.u64(q)), (q += 8);
          if (localOffset === 0xffffffff && q + 8 <= e + 4 + size) localOffset = this.u64(q);
        }
        e += 4 + size;
      }
      const entry: ZipEntry = { name, method, flags, crc, compressedSize, uncompressedSize, localOffset };
      this.entries.push(entry);
      if (!this.byName.has(name)) this.byName.set(name, entry);
      const lower = name.toLowerCase();
      if (!this.byLowerName.has(lower)) this.byLowerName.set(lower, entry);
      p = extraEnd + commentLen;
    }
  }

  /** The entry with this name (exact, then case-insensitive), if any. */
  get(name: string): ZipEntry | undefined {
    const n = name.replace(/^\/+/, '');
    return this.byName.get(n) ?? this.byLowerName.get(n.toLowerCase());
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  names(): string[] {
    return this.entries.map((e) => e.name);
  }

  /** Bytes decompressed so far from this archive. */
  get bytesRead(): number {
    return this.used;
  }

  private dataRange(entry: ZipEntry): [number, number] {
    const p = entry.localOffset;
    if (p + 30 > this.bytes.length || this.u32(p) !== SIG_LOCAL) this.damaged(`the part ${entry.name} is missing or corrupt`);
    const start = p + 30 + this.u16(p + 26) + this.u16(p + 28);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) this.damaged(`the part ${entry.name} is cut short`);
    return [start, end];
  }

  /**
   * Decompress an entry only to count its size against the budget, keeping nothing (its CRC is checked when
   * it is read).
   * Readers measure every part they will parse *before* parsing any, so a zip bomb is refused after at most
   * `maxBytes` of inflation and no parsing or memory. A measured entry is not counted again by `read`.
   */
  measure(entry: ZipEntry): void {
    if (this.measured.has(entry)) return;
    this.inflate(entry, () => {}, true, false);
    this.measured.add(entry);
  }

  /**
   * Decompress one entry, handing each piece of output to `onChunk` as it is produced.
   * Unless the entry was measured, its bytes count against the budget: ZipError('too-large') is thrown as
   * soon as the budget is passed.
   */
  read(entry: ZipEntry, onChunk: (chunk: Uint8Array) => void): void {
    const counted = !this.measured.has(entry);
    this.inflate(entry, onChunk, counted, true);
    if (counted) this.measured.add(entry);
  }

  private inflate(entry: ZipEntry, onChunk: (chunk: Uint8Array) => void, counted: boolean, checkCrc: boolean): void {
    if (entry.flags & 1) throw new ZipError(`the part ${entry.name} is encrypted`, 'encrypted');
    // a size in the header is never trusted to let data in, but one that admits to a bomb is believed
    if (counted && this.used + entry.uncompressedSize > this.maxBytes) {
      throw new ZipError(`it expands to more than ${Math.round(this.maxBytes / MiB)} MiB`, 'too-large');
    }
    const [start, end] = this.dataRange(entry);
    let crc = 0;
    let total = 0;
    let consumerError: { error: unknown } | undefined; // thrown by onChunk (e.g. an XML error): passed on as it is
    const take = (chunk: Uint8Array) => {
      if (chunk.length === 0) return;
      total += chunk.length;
      if (counted) {
        this.used += chunk.length;
        if (this.used > this.maxBytes) {
          throw new ZipError(`it expands to more than ${Math.round(this.maxBytes / MiB)} MiB`, 'too-large');
        }
      }
      if (checkCrc) crc = crc32(chunk, crc);
      try {
        onChunk(chunk);
      } catch (e) {
        consumerError = { error: e };
        throw e;
      }
    };
    if (entry.method === 0) {
      for (let p = start; p < end; p += STORED_SLICE) take(this.bytes.subarray(p, Math.min(end, p + STORED_SLICE)));
    } else if (entry.method === 8) {
      const inflater = new Inflate((chunk) => take(chunk));
      try {
        if (start === end) inflater.push(new Uint8Array(0), true);
        for (let p = start; p < end; p += INFLATE_SLICE) {
          const q = Math.min(end, p + INFLATE_SLICE);
          inflater.push(this.bytes.subarray(p, q), q === end);
        }
      } catch (e) {
        if (e instanceof ZipError || (consumerError && e === consumerError.error)) throw e;
        this.damaged(`the part ${entry.name} does not decompress (${(e as Error).message})`);
      }
    } else {
      throw new ZipError(`the part ${entry.name} uses a compression method protocol-lint cannot read (method ${entry.method})`, 'unsupported-method');
    }
    if (total !== entry.uncompressedSize) this.damaged(`the part ${entry.name} has the wrong size`);
    if (checkCrc && crc !== entry.crc) this.damaged(`the part ${entry.name} fails its checksum`);
  }

  /** Decompress one entry into one buffer (counted against the budget). */
  readBytes(entry: ZipEntry): Uint8Array {
    const chunks: Uint8Array[] = [];
    let size = 0;
    this.read(entry, (c) => {
      chunks.push(c);
      size += c.length;
    });
    if (chunks.length === 1) return chunks[0]!;
    const out = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  /** Decompress one entry as UTF-8 text, streamed in pieces to `onText` (a BOM is dropped). */
  readText(entry: ZipEntry, onText: (text: string) => void): void {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
    this.read(entry, (c) => {
      const s = decoder.decode(c, { stream: true });
      if (s) onText(s);
    });
    const rest = decoder.decode();
    if (rest) onText(rest);
  }

  /** Decompress one entry as a UTF-8 string. */
  textOf(entry: ZipEntry): string {
    const parts: string[] = [];
    this.readText(entry, (s) => parts.push(s));
    return parts.join('');
  }
}
