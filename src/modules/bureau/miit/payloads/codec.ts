import {
  buildDocument,
  countRecords,
  type ParsedDocument,
  type ParseOptions,
  type PayloadIssue,
  parseDocument,
  parseDocumentLenient,
  validateValue,
  type XsdComplex,
} from './xsd-model.ts';

/** Build, parse and validate for one XSD root, typed by the generated model. */
export interface PayloadCodec<T> {
  readonly schema: XsdComplex;
  /** Typed object → XML text in XSD element order; refuses anything the XSD refuses. */
  build(value: T): string;
  /** XML text → typed object; throws MIIT_PAYLOAD_INVALID with field-level violations. */
  parse(xml: string, opts?: ParseOptions): ParsedDocument<T>;
  /** XML text → typed object and the list of issues, without throwing (for the bureau side). */
  parseLenient(xml: string, opts?: ParseOptions): { doc: ParsedDocument<T> | null; issues: PayloadIssue[] };
  validate(value: T): PayloadIssue[];
  /** Records in the file, as section 3-3-1-3 counts them against the 1000-record limit. */
  records(value: T): number;
}

export function payloadCodec<T>(schema: XsdComplex, encoding: 'GBK' | 'UTF-8'): PayloadCodec<T> {
  return {
    schema,
    build: (value) => buildDocument(schema, value, { encoding }),
    parse: (xml, opts) => parseDocument<T>(schema, xml, opts),
    parseLenient: (xml, opts) => parseDocumentLenient<T>(schema, xml, opts),
    validate: (value) => validateValue(schema, value),
    records: (value) => countRecords(schema, value),
  };
}
