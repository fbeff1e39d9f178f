import type { MaterialKind } from '../draft.ts';
import type { Violation } from '../violation.ts';

/**
 * Upload acceptance (R-MAT-001, R-MAT-020). The catalogue gives formats and a size limit, no pixel bounds for
 * uploads; the only dimensions it names are those of the bureau-side compression (R-MAT-006).
 */

export type ImageFormat = 'jpg' | 'jpeg' | 'png' | 'gif';

/** 2 MB (§0.2). Files must be strictly smaller: 2,097,151 bytes pass, 2,097,152 do not. */
export const IMAGE_SIZE_LIMIT_BYTES = 2_097_152;
/** The largest accepted file, inclusive. */
export const MAX_IMAGE_BYTES = IMAGE_SIZE_LIMIT_BYTES - 1;

/** R-MAT-001: every slot except the curtain photo. */
export const DOCUMENT_FORMATS: readonly ImageFormat[] = ['jpg', 'jpeg', 'png'];
/** R-MAT-020: the curtain-photo form also takes gif (the note's interpretation: the upload form wins on format). */
export const CURTAIN_PHOTO_FORMATS: readonly ImageFormat[] = ['jpg', 'jpeg', 'png', 'gif'];

export const MIME_TYPES: Readonly<Record<ImageFormat, readonly string[]>> = {
  jpg: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  jpeg: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  png: ['image/png', 'image/x-png'],
  gif: ['image/gif'],
};

/** R-MAT-006 (interp. for the parameters): what the bureau adapter compresses to; reviewers preview this. */
export const BUREAU_COMPRESSION = { longestEdgePx: 1200, jpegQuality: 80 } as const;

/** R-MAT-002 (interp.): each website has at least this many supplementary (其他材料) slots. */
export const SUPPLEMENTARY_SLOTS_PER_WEBSITE = 3;

export interface UploadAcceptance {
  formats: ImageFormat[];
  /** Largest accepted size in bytes, inclusive (strictly under 2 MB). */
  maxBytes: number;
}

export function acceptsFor(kind: MaterialKind): UploadAcceptance {
  return {
    formats: [...(kind === 'CURTAIN_PHOTO' ? CURTAIN_PHOTO_FORMATS : DOCUMENT_FORMATS)],
    maxBytes: MAX_IMAGE_BYTES,
  };
}

/** The extension of a file name, lower-cased (`id.JPG` → `jpg`); `undefined` without one. */
export function extensionOf(fileName: string): string | undefined {
  const m = /\.([^./\\]+)$/.exec(fileName.trim());
  return m ? m[1].toLowerCase() : undefined;
}

/** The image format from the first bytes, for the upload endpoint to confirm the declared type. */
export function sniffImageFormat(bytes: Uint8Array): 'jpeg' | 'png' | 'gif' | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'png';
  const head = String.fromCharCode(...bytes.slice(0, 6));
  if (head === 'GIF87a' || head === 'GIF89a') return 'gif';
  return undefined;
}

export interface UploadFacts {
  kind: MaterialKind;
  fileName?: string;
  mimeType?: string;
  sizeBytes?: number;
}

/**
 * R-MAT-001 / R-MAT-020 for one upload. Returns at most one IMAGE_FORMAT and one IMAGE_TOO_LARGE violation.
 * `field` is the path the caller reports against (e.g. `materials[3]`).
 */
export function checkUpload(upload: UploadFacts, field = 'file'): Violation[] {
  const curtain = upload.kind === 'CURTAIN_PHOTO';
  const rule = curtain ? 'R-MAT-020' : 'R-MAT-001';
  const { formats } = acceptsFor(upload.kind);
  const list = formats.join('、');
  const out: Violation[] = [];
  if (upload.fileName !== undefined || upload.mimeType !== undefined) {
    const ext = upload.fileName !== undefined ? extensionOf(upload.fileName) : undefined;
    const extOk = upload.fileName === undefined || (ext !== undefined && (formats as string[]).includes(ext));
    const mime = upload.mimeType?.split(';')[0].trim().toLowerCase();
    const mimeOk =
      mime === undefined ||
      (ext !== undefined && extOk
        ? MIME_TYPES[ext as ImageFormat].includes(mime)
        : formats.some((f) => MIME_TYPES[f].includes(mime)));
    if (!extOk || !mimeOk) {
      out.push({
        rule,
        code: 'IMAGE_FORMAT',
        severity: 'block',
        field,
        message: {
          zh: `图片格式不支持：图片后缀须为 ${list} 之一，且与文件类型一致`,
          en: `Unsupported image format: the extension must be one of ${formats.join(', ')} and match the content type`,
        },
        fix: { zh: `请上传 ${list} 格式的图片`, en: `Upload a ${formats.join('/')} image` },
      });
    }
  }
  if (upload.sizeBytes !== undefined && upload.sizeBytes >= IMAGE_SIZE_LIMIT_BYTES) {
    out.push({
      rule,
      code: 'IMAGE_TOO_LARGE',
      severity: 'block',
      field,
      message: {
        zh: `图片过大：每张图片须小于 2MB（当前 ${upload.sizeBytes} 字节）`,
        en: `Image too large: each image must be smaller than 2 MB (this one is ${upload.sizeBytes} bytes)`,
      },
      fix: {
        zh: '请压缩图片后重新上传，并保证清晰可辨',
        en: 'Compress the image, keeping it legible, and upload it again',
      },
    });
  }
  return out;
}
