// Public API of the MIIT enterprise interface V3.0 protocol layer (see README.md for the spec-to-code map).

export {
  type DownloadedFile,
  type FilingStatus,
  MemoryUploadJournal,
  MiitClient,
  type MiitClientOptions,
  type MiitCredentials,
  type MiitLogger,
  type PendingUpload,
  type PreviousUpload,
  type UploadJournal,
  type UploadJournalState,
  type UploadOutcome,
} from './client.ts';
export {
  fieldReasonsOf,
  type MsgCodeInfo,
  msgCodeInfo,
  msgCodes,
  type ResultCodeInfo,
  resultCodeInfo,
  resultCodes,
} from './codes.ts';
export {
  type AesMaterial,
  CompressionFormat,
  type DataFile,
  decodeBeianInfo,
  decodeXmlDocument,
  decryptAesCbc,
  type EncodedBeianInfo,
  EncryptAlgorithm,
  type EnvelopeAlgorithms,
  encodeBeianInfo,
  encodeXmlDocument,
  encryptAesCbc,
  HashAlgorithm,
  isValidDataFileName,
  MAX_DATA_FILE_BYTES,
  MAX_FILE_NAME_BYTES,
  MAX_RECORDS_PER_FILE,
  newRandVal,
  passwordHash,
  plainZipMd5,
  RAND_VAL_LENGTH,
  verifyPasswordHash,
} from './envelope.ts';
export { type MiitErrorOptions, type MiitFailure, MiitProtocolError, miitError, miitFailures } from './errors.ts';
export type { PayloadCodec } from './payloads/codec.ts';
export * from './payloads/download.ts';
export * from './payloads/returns.ts';
export * from './payloads/upload.ts';
export {
  INTERFACE_VERSION,
  type IssueRule,
  type ParsedDocument,
  type ParseOptions,
  type PayloadIssue,
  toViolations,
  type XsdComplex,
  type XsdNode,
} from './payloads/xsd-model.ts';
export {
  createMiitSoapHandler,
  type MiitAccount,
  type MiitAnswer,
  type MiitCallContext,
  type MiitDownloadAnswer,
  type MiitHttpResponse,
  type MiitPreviousUpload,
  type MiitServiceImpl,
  type MiitSoapHandlerOptions,
  type MiitStatusAnswer,
  type MiitUploadAnswer,
  type MiitUploadCall,
  type MiitVerifyAnswer,
} from './server.ts';
export {
  type AuthParams,
  buildSoapFault,
  buildSoapRequest,
  buildSoapResponse,
  DEFAULT_SERVICE_NS,
  endpointPaths,
  type MiitEndpoint,
  type MiitMethod,
  type MiitRequest,
  parseSoapRequest,
  parseSoapResponse,
  SOAP_ENV_NS,
  soapMethods,
} from './soap.ts';
