import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * The ZIP container of compressionFormat 0 ("Zip压缩格式"). The payload is a ZIP archive holding the one XML file;
 * its entry name is the data file name the bureau reports back (return_FileName). Only what the interface needs is
 * implemented: one or more stored/deflated entries, no ZIP64, no encryption, no multi-disk archives.
 */

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const LOCAL_SIG = 0x04034b50;
const CENTRAL_SIG = 0x02014b50;
const END_SIG = 0x06054b50;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;

/** 1980-01-01 00:00, the earliest DOS time: a fixed stamp keeps the archive, and so its MD5, reproducible. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

export function zipSingle(name: string, data: Buffer): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const compressed = deflateRawSync(data);
  const crc = crc32(data);
  // Bit 11 says the name is UTF-8; names of this interface are ASCII anyway (section 3-3-1-3).
  const flags = /^[\x20-\x7e]*$/.test(name) ? 0 : 0x0800;

  const local = Buffer.alloc(30);
  local.writeUInt32LE(LOCAL_SIG, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(METHOD_DEFLATE, 8);
  local.writeUInt16LE(DOS_TIME, 10);
  local.writeUInt16LE(DOS_DATE, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(compressed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  local.writeUInt16LE(0, 28);

  const central = Buffer.alloc(46);
  central.writeUInt32LE(CENTRAL_SIG, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(flags, 8);
  central.writeUInt16LE(METHOD_DEFLATE, 10);
  central.writeUInt16LE(DOS_TIME, 12);
  central.writeUInt16LE(DOS_DATE, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(compressed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  // extra length, comment length, disk number, internal and external attributes, local header offset: all 0.

  const localPart = Buffer.concat([local, nameBytes, compressed]);
  const centralPart = Buffer.concat([central, nameBytes]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_SIG, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, end]);
}

/**
 * Reads every entry of an archive. `maxEntryBytes` bounds what one entry may inflate to, so a small archive cannot
 * expand into gigabytes (the spec caps a data file at 50 MB).
 */
export function unzip(archive: Buffer, maxEntryBytes: number): ZipEntry[] {
  if (archive.length < 22) throw new ZipFormatError('too short to be a ZIP archive');
  let end = -1;
  const lowest = Math.max(0, archive.length - 22 - 0xffff);
  for (let i = archive.length - 22; i >= lowest; i--) {
    if (archive.readUInt32LE(i) === END_SIG) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipFormatError('no end-of-central-directory record');
  if (archive.readUInt16LE(end + 4) !== 0 || archive.readUInt16LE(end + 6) !== 0) {
    throw new ZipFormatError('multi-disk archives are not supported');
  }
  const count = archive.readUInt16LE(end + 10);
  const cdSize = archive.readUInt32LE(end + 12);
  const cdOffset = archive.readUInt32LE(end + 16);
  if (cdOffset === 0xffffffff || count === 0xffff) throw new ZipFormatError('ZIP64 archives are not supported');
  if (cdOffset + cdSize > end) throw new ZipFormatError('central directory out of bounds');

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || archive.readUInt32LE(p) !== CENTRAL_SIG) throw new ZipFormatError('bad central directory');
    const flags = archive.readUInt16LE(p + 8);
    const method = archive.readUInt16LE(p + 10);
    const crc = archive.readUInt32LE(p + 16);
    const compressedSize = archive.readUInt32LE(p + 20);
    const size = archive.readUInt32LE(p + 24);
    const nameLen = archive.readUInt16LE(p + 28);
    const extraLen = archive.readUInt16LE(p + 30);
    const commentLen = archive.readUInt16LE(p + 32);
    const localOffset = archive.readUInt32LE(p + 42);
    const name = archive.subarray(p + 46, p + 46 + nameLen).toString(flags & 0x0800 ? 'utf8' : 'latin1');
    p += 46 + nameLen + extraLen + commentLen;

    if (flags & 0x0001) throw new ZipFormatError(`entry ${name} is encrypted`);
    if (size > maxEntryBytes) throw new ZipFormatError(`entry ${name} exceeds ${maxEntryBytes} bytes`);
    if (localOffset + 30 > archive.length || archive.readUInt32LE(localOffset) !== LOCAL_SIG) {
      throw new ZipFormatError(`bad local header for ${name}`);
    }
    const dataStart =
      localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > archive.length) throw new ZipFormatError(`entry ${name} is truncated`);
    const raw = archive.subarray(dataStart, dataStart + compressedSize);

    let data: Buffer;
    if (method === METHOD_STORED) data = Buffer.from(raw);
    else if (method === METHOD_DEFLATE) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, maxEntryBytes) });
      } catch (e) {
        throw new ZipFormatError(`entry ${name} does not inflate: ${(e as Error).message}`);
      }
    } else throw new ZipFormatError(`entry ${name} uses unsupported method ${method}`);
    if (data.length !== size || crc32(data) !== crc) throw new ZipFormatError(`entry ${name} fails its CRC-32 check`);
    entries.push({ name, data });
  }
  return entries;
}
