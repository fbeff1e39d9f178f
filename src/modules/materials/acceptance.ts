import type { MaterialKind } from '../rules/draft.ts';
import {
  acceptsFor,
  IMAGE_SIZE_LIMIT_BYTES,
  BUREAU_COMPRESSION as RULES_BUREAU_COMPRESSION,
} from '../rules/materials/acceptance.ts';

/**
 * What the upload pipeline accepts. The catalogue's limits (R-MAT-001 / R-MAT-020: formats by slot, "< 2 MB") come
 * from the rules module; this file adds what only the pipeline needs: content formats, pixel bounds, thumbnails.
 */

/** 2 MB = 2,097,152 bytes (§0.2). Files must be STRICTLY smaller: 2,097,152 bytes is refused. */
export const MAX_UPLOAD_BYTES = IMAGE_SIZE_LIMIT_BYTES;

export type UploadKind = MaterialKind;

/** Formats as found in the bytes (extensions `jpg` and `jpeg` are both `jpeg`). */
export type ImageFormat = 'jpeg' | 'png' | 'gif';

const extensionFormat: Readonly<Record<string, ImageFormat>> = { jpg: 'jpeg', jpeg: 'jpeg', png: 'png', gif: 'gif' };

export interface KindAcceptance {
  rule: 'R-MAT-001' | 'R-MAT-020';
  /** Lower-case extensions the name may end in. */
  extensions: readonly string[];
  /** Content formats the bytes may be. */
  formats: readonly ImageFormat[];
  /**
   * Every slot shows identity data: ID cards and licences carry numbers and the legal representative's name, the sheet
   * carries the principal's ID number, handheld and curtain photos show a face. So every upload is encrypted at rest.
   */
  encryptAtRest: boolean;
}

export function acceptanceFor(kind: UploadKind): KindAcceptance {
  const extensions = acceptsFor(kind).formats.map((f) => f.toLowerCase());
  const formats = [...new Set(extensions.map((e) => extensionFormat[e]).filter((f) => f !== undefined))];
  return {
    rule: kind === 'CURTAIN_PHOTO' ? 'R-MAT-020' : 'R-MAT-001',
    extensions,
    formats,
    encryptAtRest: true,
  };
}

/** The content format an extension promises, for recording mismatches. */
export function formatOfExtension(ext: string): ImageFormat | undefined {
  return extensionFormat[ext.toLowerCase()];
}

/**
 * Pixel bounds. The catalogue names none, so these are sane limits (interp.):
 * - min 100×100: anything smaller cannot show a legible certificate or a face (R-MAT-003 「清晰、完整」);
 * - max side 10,000 px;
 * - at most 50 megapixels decoded. A < 2 MB PNG of one flat colour can declare 10,000×10,000 and would take ~300 MB to
 *   decode (a decompression bomb); 50 MP still admits today's 48/50 MP phone photos (8160×6120 ≈ 49.9 MP).
 */
export interface DimensionLimits {
  minWidth: number;
  minHeight: number;
  maxWidth: number;
  maxHeight: number;
  maxPixels: number;
}

export const defaultDimensionLimits: DimensionLimits = {
  minWidth: 100,
  minHeight: 100,
  maxWidth: 10_000,
  maxHeight: 10_000,
  maxPixels: 50_000_000,
};

/** Reviewer thumbnail: longest edge in px, JPEG quality. */
export const THUMBNAIL_EDGE = 320;
export const THUMBNAIL_QUALITY = 75;

/** R-MAT-006: the bureau submission copy (defaults from the rules module: longest edge 1200 px, JPEG quality 80). */
export const BUREAU_COMPRESSION = {
  longestEdge: RULES_BUREAU_COMPRESSION.longestEdgePx,
  quality: RULES_BUREAU_COMPRESSION.jpegQuality,
} as const;
