/**
 * Materials (R-MAT): upload inspection and normalisation, blob storage (local disk or S3, identity documents
 * encrypted), generated documents (verification sheet, letters) and the curtain flow. Pure and storage-level parts;
 * routes, persistence and the order lifecycle live with their callers.
 */
export {
  acceptanceFor,
  BUREAU_COMPRESSION,
  type DimensionLimits,
  defaultDimensionLimits,
  type ImageFormat,
  type KindAcceptance,
  MAX_UPLOAD_BYTES,
  THUMBNAIL_EDGE,
  type UploadKind,
} from './acceptance.ts';
export {
  assertBlobKey,
  type BlobStore,
  blobKeyFor,
  LocalDiskBlobStore,
  type LocalDiskOptions,
  type PutOptions,
  type PutResult,
  S3BlobStore,
  type S3Options,
} from './blob-store.ts';
export {
  type AddressCheck,
  type AddressEditor,
  CURTAIN_ENTRY_STATES,
  type CurtainAddress,
  type CurtainCharge,
  type CurtainConfig,
  type CurtainDispatch,
  type CurtainRequestInput,
  type CurtainRequestPlan,
  type CurtainRequestReason,
  type CurtainShipmentState,
  checkCurtainAddressChange,
  curtainCharge,
  curtainDeliveryEstimate,
  curtainDispatch,
  curtainEntryVisible,
  type DeliveryEstimate,
  defaultCurtainConfig,
  isViolation,
  type PhotoDeadline,
  type PhotoMethod,
  type PhotoMethodInfo,
  photoMethods,
  photoUploadDeadline,
  planCurtainRequest,
  validateCurtainAddress,
  type WorkingDays,
} from './curtain.ts';
export * from './documents/index.ts';
export {
  type AcceptedUpload,
  compressForBureau,
  fileNameProblem,
  inspectAndNormalizeUpload,
  multipartUploadLimits,
  type ReadLimitOptions,
  type RefusedUpload,
  readUploadWithLimit,
  sniffFormat,
  type Thumbnail,
  type UploadInput,
  type UploadInspection,
  type UploadNote,
  type UploadRefusalCode,
} from './image-pipeline.ts';
