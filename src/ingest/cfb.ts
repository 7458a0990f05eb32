/**
 * Just enough of the OLE Compound File Binary format (MS-CFB) to list the names in its directory, so that
 * sniffing can tell an Outlook .msg from a password-protected Office file ("EncryptedPackage") or a legacy
 * .doc/.xls. Bounded: at most `maxEntries` directory entries and a loop-proof sector walk.
 */

export const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isCfb(bytes: Uint8Array): boolean {
  if (bytes.length < 512) return false;
  for (let i = 0; i < 8; i++) if (bytes[i] !== CFB_MAGIC[i]) return false;
  return true;
}

const END_OF_CHAIN = 0xfffffffe;
const MAX_REGULAR = 0xfffffffa;

/** Names of the storages and streams in a CFB file, or undefined when the structure cannot be followed. */
export function cfbNames(bytes: Uint8Array, maxEntries = 4096): string[] | undefined {
  if (!isCfb(bytes)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number) => (at + 4 <= bytes.length ? view.getUint32(at, true) : END_OF_CHAIN);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return undefined;
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  const sectorOffset = (n: number) => (n + 1) * sectorSize;
  const sectorCount = Math.ceil(bytes.length / sectorSize);

  // FAT sector numbers: 109 in the header, then the DIFAT chain.
  const fatSectors: number[] = [];
  const numFat = u32(0x2c);
  for (let i = 0; i < 109 && fatSectors.length < numFat; i++) fatSectors.push(u32(0x4c + i * 4));
  let difat = u32(0x44);
  let guard = 0;
  while (difat <= MAX_REGULAR && fatSectors.length < numFat && guard++ < sectorCount) {
    const base = sectorOffset(difat);
    for (let i = 0; i < perSector - 1 && fatSectors.length < numFat; i++) fatSectors.push(u32(base + i * 4));
    difat = u32(base + (perSector - 1) * 4);
  }
  const next = (sector: number): number => {
    const fs = fatSectors[Math.floor(sector / perSector)];
    if (fs === undefined || fs > MAX_REGULAR) return END_OF_CHAIN;
    return u32(sectorOffset(fs) + (sector % perSector) * 4);
  };

  const names: string[] = [];
  let dir = u32(0x30);
  guard = 0;
  while (dir <= MAX_REGULAR && guard++ < sectorCount) {
    const base = sectorOffset(dir);
    if (base >= bytes.length) return names.length ? names : undefined;
    for (let e = 0; e < sectorSize / 128; e++) {
      const at = base + e * 128;
      if (at + 128 > bytes.length) break;
      const type = bytes[at + 0x42];
      const nameLen = view.getUint16(at + 0x40, true);
      if ((type === 1 || type === 2 || type === 5) && nameLen >= 2 && nameLen <= 64) {
        let name = '';
        for (let i = 0; i < nameLen / 2 - 1; i++) name += String.fromCharCode(view.getUint16(at + i * 2, true));
        names.push(name);
        if (names.length >= maxEntries) return names;
      }
    }
    dir = next(dir);
  }
  return names.length ? names : undefined;
}

export type CfbKind = 'msg' | 'encrypted-office' | 'doc' | 'xls' | 'ppt' | 'other';

/** What kind of OLE file this is, from its directory names ('msg' when the directory cannot be read). */
export function cfbKind(bytes: Uint8Array): CfbKind {
  const names = cfbNames(bytes);
  if (!names) return 'msg';
  const has = (n: string) => names.includes(n);
  if (has('EncryptedPackage') || has('EncryptionInfo')) return 'encrypted-office';
  if (names.some((n) => n.startsWith('__substg1.0_') || n === '__properties_version1.0' || n === '__nameid_version1.0')) return 'msg';
  if (has('WordDocument')) return 'doc';
  if (has('Workbook') || has('Book')) return 'xls';
  if (has('PowerPoint Document')) return 'ppt';
  return 'other';
}
