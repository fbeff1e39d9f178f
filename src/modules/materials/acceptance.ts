/**
 * Upload acceptance limits of R-MAT-001 and R-MAT-020.
 *
 * These belong in the rules catalogue (`src/modules/rules/materials/`), which did not exist when this module was
 * written; they live here until it does, and the pipeline reads them only through this file so the switch is one
 * import.
 */

/** 2 MB = 2,097,152 bytes (requirements §0.2). Files must be STRICTLY smaller: 2,097,152 bytes is refused. */
export const MAX_UPLOAD_BYTES = 2_097_152;

/** Upload slots (R-MAT-002). Only the curtain photo differs in what it accepts (R-MAT-020). */
export const uploadKinds = [
  'SUBJECT_CERTIFICATE',
  'SUBJECT_PRINCIPAL_ID',
  'WEBSITE_PRINCIPAL_ID',
  'VERIFICATION_SHEET',
  'HANDHELD_PHOTO',
  'SUPPLEMENTARY',
  'CURTAIN_PHOTO',
] as const;

export type UploadKind = (typeof uploadKinds)[number];

export type ImageFormat = 'jpeg' | 'png' | 'gif';

interface KindRule {
  rule: 'R-MAT-001' | 'R-MAT-020';
  formats: readonly ImageFormat[];
  extensions: readonly string[];
  /**
   * Every slot shows identity data: ID cards and licences carry numbers and the legal representative's name, the
   * sheet carries the principal's ID number, handheld and curtain photos show a face. So all are encrypted at rest.
   */
  encryptAtRest: boolean;
}

const documentRule: KindRule = {
  rule: 'R-MAT-001',
  formats: ['jpeg', 'png'],
  extensions: ['jpg', 'jpeg', 'png'],
  encryptAtRest: true,
};

/** R-MAT-020: the upload form allows gif for curtain photos only (the FAQ contradiction is resolved in its note). */
const curtainRule: KindRule = {
  rule: 'R-MAT-020',
  formats: ['jpeg', 'png', 'gif'],
  extensions: ['jpg', 'jpeg', 'png', 'gif'],
  encryptAtRest: true,
};

export const kindRules: Readonly<Record<UploadKind, KindRule>> = {
  SUBJECT_CERTIFICATE: documentRule,
  SUBJECT_PRINCIPAL_ID: documentRule,
  WEBSITE_PRINCIPAL_ID: documentRule,
  VERIFICATION_SHEET: documentRule,
  HANDHELD_PHOTO: documentRule,
  SUPPLEMENTARY: documentRule,
  CURTAIN_PHOTO: curtainRule,
};

export function isUploadKind(value: string): value is UploadKind {
  return (uploadKinds as readonly string[]).includes(value);
}

/**
 * Pixel bounds. The catalogue names none, so these are sane limits (interp.):
 * - min 100×100: anything smaller cannot show a legible certificate or a face (R-MAT-003 "清晰、完整");
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

/** R-MAT-006 defaults for the bureau submission copy: longest edge 1200 px, JPEG quality 80. */
export const BUREAU_COMPRESSION = { longestEdge: 1200, quality: 80 } as const;
