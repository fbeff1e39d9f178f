import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import sharp, { type Metadata, type OutputInfo, type SharpOptions } from 'sharp';
import type { LocalizedText } from '../../platform/i18n.ts';
import type { Violation } from '../rules/violation.ts';
import {
  acceptanceFor,
  BUREAU_COMPRESSION,
  type DimensionLimits,
  defaultDimensionLimits,
  formatOfExtension,
  type ImageFormat,
  MAX_UPLOAD_BYTES,
  THUMBNAIL_EDGE,
  THUMBNAIL_QUALITY,
  type UploadKind,
} from './acceptance.ts';

/**
 * Upload inspection for R-MAT-001 / R-MAT-020. A file is judged by its content, never by its name or declared type:
 * the name only has to be harmless and carry an allowed extension (the rule names extensions), the bytes must be a
 * whitelisted format that decodes completely, and what we keep is our own re-encoding, never the uploaded bytes.
 *
 * Order of checks (cheapest first, so hostile input does as little work as possible):
 *   file name → size → magic bytes vs whitelist → container structure (truncation, bytes after the end marker)
 *   → embedded markup → header dimensions → full decode + re-encode (failOn 'error') → thumbnail.
 */

export type UploadRefusalCode =
  | 'FILE_NAME_INVALID'
  | 'IMAGE_EMPTY'
  | 'IMAGE_TOO_LARGE'
  | 'IMAGE_FORMAT'
  | 'IMAGE_CORRUPT'
  | 'IMAGE_POLYGLOT'
  | 'IMAGE_ANIMATED'
  | 'IMAGE_DIMENSIONS';

/** A refusal is a blocking Violation plus the offending file name, so it travels like any other rule result. */
export interface RefusedUpload extends Violation {
  ok: false;
  code: UploadRefusalCode;
  severity: 'block';
  fileName: string;
}

/** Things that were wrong but did not matter, kept for the reviewer and the audit log. */
export interface UploadNote {
  code: 'DECLARED_TYPE_MISMATCH' | 'EXTENSION_MISMATCH' | 'METADATA_STRIPPED';
  detail: string;
}

export interface Thumbnail {
  bytes: Buffer;
  contentType: 'image/jpeg';
  width: number;
  height: number;
}

export interface AcceptedUpload {
  ok: true;
  kind: UploadKind;
  fileName: string;
  /** Format found in the bytes. */
  detectedFormat: ImageFormat;
  /** Format of `bytes`. GIF (curtain photos only) is stored as lossless PNG: one frame, no palette tricks. */
  format: 'jpeg' | 'png';
  contentType: 'image/jpeg' | 'image/png';
  /** Re-encoded: orientation applied, EXIF/GPS/XMP/ICC/comments gone. */
  bytes: Buffer;
  /** Displayed size after orientation. */
  width: number;
  height: number;
  size: number;
  /** sha256 (hex) of `bytes`. */
  sha256: string;
  originalSize: number;
  originalSha256: string;
  thumbnail: Thumbnail;
  /**
   * Reviewer hint for R-MAT-003 (a colour original is required): true when the picture carries (almost) no colour,
   * like a black-and-white photocopy. Never a refusal by itself: review decides.
   */
  looksGreyscale: boolean;
  notes: UploadNote[];
}

export type UploadInspection = AcceptedUpload | RefusedUpload;

export interface UploadInput {
  bytes: Buffer;
  fileName: string;
  /** The Content-Type the client sent. Ignored for the decision; a mismatch is recorded in `notes`. */
  declaredType?: string;
  kind: UploadKind;
  /** Field path for the refusal, e.g. `websites[0].verificationSheet`. Default: the kind. */
  field?: string;
  /** Pixel bounds from the catalogue, when it names them; otherwise `defaultDimensionLimits`. */
  dimensions?: Partial<DimensionLimits>;
}

const messages: Record<UploadRefusalCode, (p: Record<string, string | number>) => LocalizedText> = {
  FILE_NAME_INVALID: (p) => ({
    zh: `文件名无效：${p.reason_zh}。请重命名后再上传。`,
    en: `Invalid file name: ${p.reason_en}. Rename the file and upload it again.`,
  }),
  IMAGE_EMPTY: () => ({ zh: '文件为空，请重新选择图片。', en: 'The file is empty; choose the image again.' }),
  IMAGE_TOO_LARGE: (p) => ({
    zh: `图片大小须小于 2MB（${MAX_UPLOAD_BYTES} 字节），当前 ${p.size} 字节。`,
    en: `The image must be smaller than 2 MB (${MAX_UPLOAD_BYTES} bytes); this one is ${p.size} bytes.`,
  }),
  IMAGE_FORMAT: (p) => ({
    zh: `图片格式不符合要求，仅支持 ${p.allowed} 格式（${p.reason_zh}）。`,
    en: `Unsupported image format; only ${p.allowed} are accepted (${p.reason_en}).`,
  }),
  IMAGE_CORRUPT: (p) => ({
    zh: `图片已损坏或不完整，无法读取（${p.reason_zh}），请重新导出或拍摄后上传。`,
    en: `The image is damaged or incomplete and cannot be read (${p.reason_en}); export or take it again.`,
  }),
  IMAGE_POLYGLOT: (p) => ({
    zh: `图片中夹带了非图片数据（${p.reason_zh}），请上传原始图片。`,
    en: `The image carries non-image data (${p.reason_en}); upload a plain image.`,
  }),
  IMAGE_ANIMATED: () => ({
    zh: '不支持动态图片，请上传单帧照片。',
    en: 'Animated images are not accepted; upload a single still photo.',
  }),
  IMAGE_DIMENSIONS: (p) => ({
    zh: `图片尺寸 ${p.width}×${p.height} 超出允许范围（${p.minWidth}×${p.minHeight} 至 ${p.maxWidth}×${p.maxHeight} 像素，且不超过 ${p.maxPixels} 像素）。`,
    en: `Image size ${p.width}×${p.height} is out of range (${p.minWidth}×${p.minHeight} to ${p.maxWidth}×${p.maxHeight} px, at most ${p.maxPixels} pixels).`,
  }),
};

function refuse(
  input: Pick<UploadInput, 'kind' | 'field' | 'fileName'>,
  code: UploadRefusalCode,
  params: Record<string, string | number> = {},
): RefusedUpload {
  return {
    ok: false,
    code,
    rule: acceptanceFor(input.kind).rule,
    severity: 'block',
    field: input.field ?? input.kind,
    fileName: input.fileName,
    message: messages[code](params),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// File names

/**
 * File names are REFUSED, not sanitised, when they could be read as a path or hide characters: the platform never
 * uses the name as a path (blobs are content-addressed), but the name is shown to reviewers and written to logs, where
 * `../`, control characters or a right-to-left override (`photo\u202Egpj.exe`) would mislead. A refusal tells the
 * customer plainly what to fix; silently rewriting the name would not.
 */
export function fileNameProblem(fileName: string): { zh: string; en: string } | null {
  if (fileName.trim().length === 0) return { zh: '文件名为空', en: 'the file name is empty' };
  if (Buffer.byteLength(fileName, 'utf8') > 255) return { zh: '文件名过长', en: 'the file name is too long' };
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(fileName)) {
    return { zh: '文件名含有控制字符', en: 'the file name contains control characters' };
  }
  if (/[/\\]/.test(fileName)) return { zh: '文件名含有路径分隔符', en: 'the file name contains a path separator' };
  if (fileName === '.' || fileName === '..' || fileName.includes('..')) {
    return { zh: '文件名含有 ".."', en: 'the file name contains ".."' };
  }
  if (/^\s|\s$/.test(fileName)) return { zh: '文件名首尾有空白', en: 'the file name starts or ends with a space' };
  return null;
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

const formatMime: Record<ImageFormat, string> = { jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif' };
/** Content types browsers and old tools send for the same format. */
const mimeAliases: Record<string, ImageFormat> = {
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/png': 'png',
  'image/x-png': 'png',
  'image/gif': 'gif',
};

// ---------------------------------------------------------------------------------------------------------------
// Magic bytes and container structure. Parsing the container ourselves is what finds bytes after the image's end
// (a script or a ZIP appended to a valid picture) — decoders stop at the end marker and never look further.

type StructureResult =
  | { ok: true; frames: number }
  | { ok: false; code: 'IMAGE_CORRUPT' | 'IMAGE_POLYGLOT'; zh: string; en: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function sniffFormat(bytes: Buffer): ImageFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.length >= 6) {
    const head = bytes.subarray(0, 6).toString('latin1');
    if (head === 'GIF87a' || head === 'GIF89a') return 'gif';
  }
  return null;
}

/** Best-effort name of what a refused file really is, for the message (e.g. "SVG", "BMP"). */
function describeContent(bytes: Buffer): string {
  const head = bytes.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'SVG';
  if (head.startsWith('<')) return 'HTML/XML';
  if (head.startsWith('bm')) return 'BMP';
  if (head.startsWith('riff') && head.slice(8, 12) === 'webp') return 'WebP';
  if (head.startsWith('%pdf')) return 'PDF';
  if (head.startsWith('pk')) return 'ZIP';
  if (bytes.length >= 12 && bytes.subarray(4, 8).toString('latin1') === 'ftyp') return 'HEIC/MP4';
  return 'unknown';
}

const corrupt = (zh: string, en: string): StructureResult => ({ ok: false, code: 'IMAGE_CORRUPT', zh, en });
const polyglot = (zh: string, en: string): StructureResult => ({ ok: false, code: 'IMAGE_POLYGLOT', zh, en });

function checkPng(b: Buffer): StructureResult {
  let pos = 8;
  let first = true;
  let frames = 0;
  while (pos + 12 <= b.length) {
    const len = b.readUInt32BE(pos);
    const type = b.subarray(pos + 4, pos + 8).toString('latin1');
    if (len > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) return corrupt('PNG 数据块无效', 'invalid PNG chunk');
    const end = pos + 12 + len;
    if (end > b.length) return corrupt('PNG 文件被截断', 'the PNG is truncated');
    if (first && type !== 'IHDR') return corrupt('PNG 缺少文件头', 'the PNG has no IHDR header');
    first = false;
    const crc = b.readUInt32BE(end - 4);
    if (crc32(b.subarray(pos + 4, end - 4)) !== crc) return corrupt('PNG 校验失败', 'a PNG chunk fails its CRC');
    if (type === 'fcTL') frames++;
    if (type === 'IEND') {
      if (end !== b.length) {
        return polyglot(`IEND 之后还有 ${b.length - end} 字节`, `${b.length - end} bytes after the PNG IEND chunk`);
      }
      return { ok: true, frames: Math.max(1, frames) };
    }
    pos = end;
  }
  return corrupt('PNG 文件被截断（缺少 IEND）', 'the PNG is truncated (no IEND)');
}

/** Walks JPEG markers to the EOI that ends the primary image; returns the offset just after it. */
function jpegEnd(b: Buffer, start: number, pixelData?: [number, number][]): number | StructureResult {
  if (b[start] !== 0xff || b[start + 1] !== 0xd8) return corrupt('JPEG 文件头无效', 'invalid JPEG header');
  let pos = start + 2;
  for (;;) {
    if (pos >= b.length) return corrupt('JPEG 文件被截断（缺少结束标记）', 'the JPEG is truncated (no EOI marker)');
    if (b[pos] !== 0xff) return corrupt('JPEG 标记无效', 'invalid JPEG marker');
    while (pos < b.length && b[pos] === 0xff) pos++; // fill bytes
    if (pos >= b.length) return corrupt('JPEG 文件被截断', 'the JPEG is truncated');
    const marker = b[pos++];
    if (marker === 0xd9) return pos; // EOI
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // no length
    if (marker === 0x00 || marker === 0xd8) return corrupt('JPEG 标记无效', 'invalid JPEG marker');
    if (pos + 2 > b.length) return corrupt('JPEG 文件被截断', 'the JPEG is truncated');
    const len = b.readUInt16BE(pos);
    if (len < 2 || pos + len > b.length) return corrupt('JPEG 文件被截断', 'the JPEG is truncated');
    pos += len;
    if (marker === 0xda) {
      // Entropy-coded scan: runs until a marker that is not a stuffed 0xFF00 or a restart marker.
      const scanStart = pos;
      for (;;) {
        if (pos + 1 >= b.length) return corrupt('JPEG 文件被截断', 'the JPEG is truncated');
        if (b[pos] === 0xff) {
          const next = b[pos + 1];
          if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
            pos += next === 0xff ? 1 : 2;
            continue;
          }
          break;
        }
        pos++;
      }
      pixelData?.push([scanStart, pos]);
    }
  }
}

/**
 * Samsung Galaxy cameras append a metadata trailer after EOI: entries, then an `SEFH` directory, then the directory's
 * length (uint32 LE) and the magic `SEFT` as the file's last 4 bytes. Accept exactly that shape.
 */
function isSamsungTrailer(rest: Buffer): boolean {
  if (rest.length < 16 || rest.subarray(rest.length - 4).toString('latin1') !== 'SEFT') return false;
  const dirLen = rest.readUInt32LE(rest.length - 8);
  const dirStart = rest.length - 8 - dirLen;
  return dirStart >= 0 && rest.subarray(dirStart, dirStart + 4).toString('latin1') === 'SEFH';
}

/**
 * Bytes after the primary JPEG's EOI are refused, with the exceptions real cameras produce: zero padding, further
 * complete JPEG streams (the Multi-Picture Format phones use for depth maps and Ultra HDR gain maps; each must itself
 * parse to its EOI, so a script cannot ride along as "another image"), and Samsung's SEFT trailer. The embedded-
 * markup scan still covers all of these bytes, and only our re-encoding is ever stored.
 */
function checkJpeg(b: Buffer): StructureResult {
  let end = jpegEnd(b, 0);
  if (typeof end !== 'number') return end;
  while (end < b.length) {
    const rest = b.subarray(end);
    if (rest.every((x) => x === 0) || isSamsungTrailer(rest)) break;
    if (rest.length >= 3 && rest[0] === 0xff && rest[1] === 0xd8 && rest[2] === 0xff) {
      const next = jpegEnd(b, end);
      if (typeof next !== 'number') {
        return polyglot('JPEG 结束标记后有无法解析的数据', 'unparseable data after the JPEG end marker');
      }
      end = next;
      continue;
    }
    return polyglot(`JPEG 结束标记后还有 ${rest.length} 字节`, `${rest.length} bytes after the JPEG end marker`);
  }
  return { ok: true, frames: 1 };
}

function checkGif(b: Buffer): StructureResult {
  if (b.length < 13) return corrupt('GIF 文件被截断', 'the GIF is truncated');
  let pos = 13;
  const packed = b[10];
  if (packed & 0x80) pos += 3 * 2 ** ((packed & 0x07) + 1);
  let frames = 0;
  const skipSubBlocks = (): boolean => {
    for (;;) {
      if (pos >= b.length) return false;
      const size = b[pos++];
      if (size === 0) return true;
      pos += size;
    }
  };
  for (;;) {
    if (pos >= b.length) return corrupt('GIF 文件被截断（缺少结束符）', 'the GIF is truncated (no trailer)');
    const block = b[pos++];
    if (block === 0x3b) {
      if (pos !== b.length) {
        return polyglot(`GIF 结束符后还有 ${b.length - pos} 字节`, `${b.length - pos} bytes after the GIF trailer`);
      }
      return frames > 0 ? { ok: true, frames } : corrupt('GIF 中没有图像', 'the GIF has no image');
    }
    if (block === 0x21) {
      pos++; // extension label
      if (!skipSubBlocks()) return corrupt('GIF 文件被截断', 'the GIF is truncated');
    } else if (block === 0x2c) {
      if (pos + 9 > b.length) return corrupt('GIF 文件被截断', 'the GIF is truncated');
      const p = b[pos + 8];
      pos += 9;
      if (p & 0x80) pos += 3 * 2 ** ((p & 0x07) + 1);
      pos++; // LZW minimum code size
      if (!skipSubBlocks()) return corrupt('GIF 文件被截断', 'the GIF is truncated');
      frames++;
    } else {
      return corrupt('GIF 数据块无效', 'invalid GIF block');
    }
  }
}

const structureCheckers: Record<ImageFormat, (b: Buffer) => StructureResult> = {
  jpeg: checkJpeg,
  png: checkPng,
  gif: checkGif,
};

/**
 * Markup that makes a file a browser- or interpreter-readable polyglot even when it sits inside a metadata segment.
 * Searched outside the pixel data only (see withoutPixelData).
 */
const markupSignatures = ['<?php', '<script', '<html', '<svg', '<iframe', 'javascript:'];

function embeddedMarkup(b: Buffer, format: ImageFormat): string | null {
  const text = withoutPixelData(b, format).toString('latin1').toLowerCase();
  return markupSignatures.find((s) => text.includes(s)) ?? null;
}

/**
 * The file minus its compressed pixel data (JPEG entropy-coded scans, PNG IDAT/fdAT, GIF image blocks): where a
 * polyglot hides its markup is metadata and trailers, while compressed pixels are random bytes in which a short
 * signature like `<svg` turns up by chance about once per 500 KB of photo — a false refusal of a genuine photo.
 * Only our re-encoding is ever stored or served, so markup inside pixel data cannot reach a browser either.
 */
function withoutPixelData(b: Buffer, format: ImageFormat): Buffer {
  const skip: [number, number][] = [];
  if (format === 'jpeg') {
    // every stream: the primary image and any Multi-Picture streams after it (checkJpeg accepted the layout)
    let pos = 0;
    while (pos + 2 < b.length && b[pos] === 0xff && b[pos + 1] === 0xd8) {
      const end = jpegEnd(b, pos, skip);
      if (typeof end !== 'number') break;
      pos = end;
    }
  } else if (format === 'png') {
    for (let pos = 8; pos + 12 <= b.length; ) {
      const len = b.readUInt32BE(pos);
      const type = b.subarray(pos + 4, pos + 8).toString('latin1');
      if (type === 'IDAT' || type === 'fdAT') skip.push([pos + 8, Math.min(pos + 8 + len, b.length)]);
      pos += 12 + len;
    }
  } else {
    return b; // GIF: rare for filing materials and small; scanned whole
  }
  if (skip.length === 0) return b;
  const parts: Buffer[] = [];
  let at = 0;
  for (const [from, to] of skip) {
    parts.push(b.subarray(at, from));
    at = to;
  }
  parts.push(b.subarray(at));
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------------------------------------------------------

function sha256Hex(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

async function looksGreyscale(thumbnail: Buffer): Promise<boolean> {
  const { data, info } = await sharp(thumbnail).removeAlpha().toColourspace('srgb').raw().toBuffer({
    resolveWithObject: true,
  });
  if (info.channels < 3) return true;
  let chroma = 0;
  const px = data.length / info.channels;
  for (let i = 0; i < data.length; i += info.channels) {
    const r = data[i];
    const g = data[i + 1];
    const bl = data[i + 2];
    chroma += Math.max(r, g, bl) - Math.min(r, g, bl);
  }
  // JPEG chroma noise gives a photocopy an average spread of 1–3; real colour photos are far above 8.
  return chroma / px < 6;
}

/**
 * Inspects one uploaded image and, if acceptable, returns our normalised re-encoding of it.
 * Never throws for bad input: every problem is a `RefusedUpload` naming the rule and a bilingual message.
 */
export async function inspectAndNormalizeUpload(input: UploadInput): Promise<UploadInspection> {
  const { bytes, fileName, kind } = input;
  const rule = acceptanceFor(kind);
  const limits: DimensionLimits = { ...defaultDimensionLimits, ...input.dimensions };
  const allowed = rule.extensions.join('/');

  const nameProblem = fileNameProblem(fileName);
  if (nameProblem) return refuse(input, 'FILE_NAME_INVALID', { reason_zh: nameProblem.zh, reason_en: nameProblem.en });

  const ext = extensionOf(fileName);
  if (!rule.extensions.includes(ext)) {
    return refuse(input, 'IMAGE_FORMAT', {
      allowed,
      reason_zh: ext ? `文件扩展名为 .${ext}` : '文件没有扩展名',
      reason_en: ext ? `the file extension is .${ext}` : 'the file has no extension',
    });
  }

  if (bytes.length === 0) return refuse(input, 'IMAGE_EMPTY');
  if (bytes.length >= MAX_UPLOAD_BYTES) return refuse(input, 'IMAGE_TOO_LARGE', { size: bytes.length });

  const format = sniffFormat(bytes);
  if (format === null || !rule.formats.includes(format)) {
    const what = format === null ? describeContent(bytes) : format.toUpperCase();
    return refuse(input, 'IMAGE_FORMAT', {
      allowed,
      reason_zh: `文件内容为 ${what}`,
      reason_en: `the content is ${what}`,
    });
  }

  const structure = structureCheckers[format](bytes);
  if (!structure.ok) return refuse(input, structure.code, { reason_zh: structure.zh, reason_en: structure.en });
  if (structure.frames > 1) return refuse(input, 'IMAGE_ANIMATED');

  const markup = embeddedMarkup(bytes, format);
  if (markup) {
    return refuse(input, 'IMAGE_POLYGLOT', { reason_zh: `含有 "${markup}"`, reason_en: `it contains "${markup}"` });
  }

  // libjpeg reports corrupt entropy data (a file cut short and given a fake end marker) only as a WARNING, so JPEG is
  // decoded at the strictest level; libpng reports the same damage as an error, so PNG/GIF use 'error' and tolerate
  // harmless ancillary-chunk warnings (old Photoshop ICC profiles) that would otherwise refuse good scans.
  const sharpOptions: SharpOptions = {
    failOn: format === 'jpeg' ? 'warning' : 'error',
    limitInputPixels: limits.maxPixels,
    animated: false,
  };
  let meta: Metadata;
  try {
    // Headers only, so no pixel limit here: the limit would throw before we could say which dimension is wrong.
    meta = await sharp(bytes, { ...sharpOptions, limitInputPixels: false }).metadata();
  } catch (e) {
    return refuse(input, 'IMAGE_CORRUPT', { reason_zh: '无法读取图片头', reason_en: (e as Error).message });
  }
  if (meta.format !== format) {
    // Our sniffing and libvips disagree: treat as hostile rather than guess which one is right.
    return refuse(input, 'IMAGE_FORMAT', {
      allowed,
      reason_zh: `文件内容为 ${meta.format}`,
      reason_en: `the decoder sees ${meta.format}`,
    });
  }
  if ((meta.pages ?? 1) > 1) return refuse(input, 'IMAGE_ANIMATED');
  const rawW = meta.width ?? 0;
  const rawH = meta.height ?? 0;
  const width = meta.autoOrient?.width ?? rawW;
  const height = meta.autoOrient?.height ?? rawH;
  if (
    width < limits.minWidth ||
    height < limits.minHeight ||
    width > limits.maxWidth ||
    height > limits.maxHeight ||
    rawW * rawH > limits.maxPixels
  ) {
    return refuse(input, 'IMAGE_DIMENSIONS', { width, height, ...limits });
  }

  // The full decode is the real check: headers of a truncated file look fine (STACK pitfall 10).
  const outFormat: 'jpeg' | 'png' = format === 'jpeg' ? 'jpeg' : 'png';
  let out: { data: Buffer; info: OutputInfo };
  try {
    const pipeline = sharp(bytes, sharpOptions).rotate();
    out = await (outFormat === 'jpeg'
      ? pipeline.jpeg({ quality: 90, chromaSubsampling: '4:4:4' })
      : pipeline.png({ compressionLevel: 9 })
    ).toBuffer({ resolveWithObject: true });
  } catch (e) {
    return refuse(input, 'IMAGE_CORRUPT', { reason_zh: '图片解码失败', reason_en: (e as Error).message });
  }

  const thumb = await sharp(out.data)
    .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: THUMBNAIL_QUALITY })
    .toBuffer({ resolveWithObject: true });

  const notes: UploadNote[] = [];
  const declared = input.declaredType?.split(';')[0].trim().toLowerCase();
  if (declared && mimeAliases[declared] !== format) {
    notes.push({
      code: 'DECLARED_TYPE_MISMATCH',
      detail: `declared ${declared}, content is ${formatMime[format]}`,
    });
  }
  if (formatOfExtension(ext) !== format) {
    notes.push({ code: 'EXTENSION_MISMATCH', detail: `extension .${ext}, content is ${format}` });
  }
  const stripped = [meta.exif && 'EXIF', meta.xmp && 'XMP', meta.iptc && 'IPTC', meta.icc && 'ICC'].filter(Boolean);
  if (stripped.length > 0) notes.push({ code: 'METADATA_STRIPPED', detail: stripped.join(', ') });

  return {
    ok: true,
    kind,
    fileName,
    detectedFormat: format,
    format: outFormat,
    contentType: outFormat === 'jpeg' ? 'image/jpeg' : 'image/png',
    bytes: out.data,
    width: out.info.width,
    height: out.info.height,
    size: out.data.length,
    sha256: sha256Hex(out.data),
    originalSize: bytes.length,
    originalSha256: sha256Hex(bytes),
    thumbnail: {
      bytes: thumb.data,
      contentType: 'image/jpeg',
      width: thumb.info.width,
      height: thumb.info.height,
    },
    looksGreyscale: await looksGreyscale(thumb.data),
    notes,
  };
}

/**
 * R-MAT-006: the copy sent to the bureau (and previewed by the reviewer, so an image that would become illegible is
 * caught before submission). Input is an image this pipeline already accepted.
 */
export async function compressForBureau(
  normalised: Buffer,
  opts: { longestEdge?: number; quality?: number } = {},
): Promise<{ bytes: Buffer; width: number; height: number; contentType: 'image/jpeg' }> {
  const edge = opts.longestEdge ?? BUREAU_COMPRESSION.longestEdge;
  const { data, info } = await sharp(normalised, { failOn: 'error' })
    .resize(edge, edge, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: opts.quality ?? BUREAU_COMPRESSION.quality })
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height, contentType: 'image/jpeg' };
}

// ---------------------------------------------------------------------------------------------------------------
// Streaming size guard

/**
 * Limits for @fastify/multipart: `request.file({ limits: multipartUploadLimits })`. busboy stops reading a part after
 * `fileSize` bytes and sets `file.truncated`; a part of exactly `fileSize` bytes is NOT truncated, which is why
 * `readUploadWithLimit` counts bytes itself and refuses at `>= MAX_UPLOAD_BYTES`.
 */
export const multipartUploadLimits = { fileSize: MAX_UPLOAD_BYTES, files: 1 } as const;

export interface ReadLimitOptions {
  kind: UploadKind;
  fileName: string;
  field?: string;
  /** Refuse once this many bytes have arrived (default 2,097,152: "strictly smaller than 2 MB"). */
  limit?: number;
  /** For @fastify/multipart: `() => part.file.truncated`. */
  truncated?: () => boolean;
}

/**
 * Collects an upload stream into memory, but stops pulling — and returns `IMAGE_TOO_LARGE` — as soon as the total
 * reaches the limit, so a hostile client cannot make the server buffer more than one chunk past 2 MB. Leaving the
 * `for await` early calls the iterator's `return()`, which destroys a Node readable (busboy then discards the rest).
 */
export async function readUploadWithLimit(
  source: AsyncIterable<Uint8Array>,
  opts: ReadLimitOptions,
): Promise<{ ok: true; bytes: Buffer } | RefusedUpload> {
  const limit = opts.limit ?? MAX_UPLOAD_BYTES;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total >= limit) return refuse(opts, 'IMAGE_TOO_LARGE', { size: `≥ ${limit}` });
    chunks.push(Buffer.from(chunk));
  }
  if (opts.truncated?.()) return refuse(opts, 'IMAGE_TOO_LARGE', { size: `> ${total}` });
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}
