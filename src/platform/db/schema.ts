import type { ColumnType } from 'kysely';

/**
 * Table types for Kysely. Portable subset (STACK pitfall 8): text / integer / bigint columns, app-generated ids,
 * JSON as text, booleans as 0/1, times as epoch milliseconds (bigint) and civil dates as 'YYYY-MM-DD' text.
 */
/** A nullable column added by a later migration: rows written by code that predates it may leave it out. */
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface UsersTable {
  id: string;
  /** Public account number shown (masked) to others, e.g. in SUBJECT_BOUND_TO_OTHER_ACCOUNT (R-ACC-004). */
  account_no: string;
  email: string;
  password_hash: string;
  role: string;
  display_name: string;
  mobile_enc: string | null;
  disabled: number;
  created_at: number;
  updated_at: number;
}

export interface SessionsTable {
  /** SHA-256 of the opaque cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  /** The role the machine acts as: edge (access check), photo_agent, billing, admin. */
  role: string;
  user_id: string | null;
  created_by: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  first_failure_at: number;
  locked_until: number | null;
}

export interface AuditLogTable {
  id: string;
  at: number;
  actor_id: string | null;
  actor_role: string;
  action: string;
  object_type: string | null;
  object_id: string | null;
  request_id: string | null;
  ip: string | null;
  details: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface CalendarOverridesTable {
  id: string;
  date: string;
  kind: string;
  name: string | null;
  source: string | null;
  created_by: string | null;
  created_at: number;
}

export interface ProvinceOverridesTable {
  id: string;
  province: string;
  key: string;
  value: string;
  effective_from: string;
  source: string;
  version: number;
  created_by: string | null;
  created_at: number;
}

export interface TimersTable {
  id: string;
  kind: string;
  object_id: string;
  due_at: number;
  payload: string | null;
  lease_until: number | null;
  lease_owner: string | null;
  attempts: number;
  done_at: number | null;
  last_error: string | null;
  calendar_version: string | null;
  created_at: number;
}

export interface ServersTable {
  id: string;
  external_id: string | null;
  account_id: string;
  name: string;
  region: string;
  region_kind: string;
  billing_mode: string;
  prepaid_months: number;
  purchased_at: string;
  expires_at: string;
  public_ip: string | null;
  is_load_balancer: number;
  /** Instant the inventory first saw the server; R-ACC-012 sync delay counts from here. */
  synced_at: number;
  created_at: number;
  updated_at: number;
}

export interface AuthCodesTable {
  id: string;
  code: string;
  server_id: string;
  owner_account_id: string;
  state: string;
  order_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface SubjectsTable {
  id: string;
  account_id: string;
  /** Blind index of certificate type + number: one account per subject (R-ACC-004) without storing it in clear. */
  subject_key: string;
  subject_type: string;
  name: string;
  province: string;
  cert_type: string;
  cert_number_enc: string;
  cert_number_masked: string;
  filing_number: string | null;
  status: string;
  data_enc: string | null;
  created_at: number;
  updated_at: number;
  /** 003_bureau: the bureau's Ztid, approval date, and why/when it was cancelled (§17.3). Nullable, optional on insert. */
  bureau_id: Nullable<number>;
  approved_on: Nullable<string>;
  cancelled_at: Nullable<number>;
  cancel_reason: Nullable<string>;
}

export interface WebsitesTable {
  id: string;
  subject_id: string;
  name: string;
  filing_number: string | null;
  status: string;
  accessed_here: number;
  access_ip: string | null;
  server_id: string | null;
  data_enc: string | null;
  created_at: number;
  updated_at: number;
  /** 003_bureau: the bureau's Wzid; FILED / SHELL (with shell_since) / CANCELLED per §17.3. Optional on insert. */
  bureau_id: Nullable<number>;
  approved_on: Nullable<string>;
  shell_since: Nullable<number>;
  cancelled_at: Nullable<number>;
  cancel_reason: Nullable<string>;
}

export interface DomainsTable {
  id: string;
  website_id: string;
  subject_id: string;
  domain: string;
  status: string;
  created_at: number;
  /** 003_bureau: the bureau's Ymid and the host as filed (www.… is filed under its registrable domain). */
  bureau_id: Nullable<number>;
  host: Nullable<string>;
}

export interface OrdersTable {
  id: string;
  order_no: string;
  account_id: string;
  subject_id: string | null;
  order_type: string;
  variant: string | null;
  state: string;
  version: number;
  province: string | null;
  server_id: string | null;
  auth_code_id: string | null;
  access_ip: string | null;
  draft_enc: string;
  summary: string;
  flags: string;
  rejection: string | null;
  initial_passed: number;
  photo_flagged: number;
  state_entered_at: number;
  submitted_at: number | null;
  bureau_ref: string | null;
  created_at: number;
  updated_at: number;
}

export interface OrderEventsTable {
  id: string;
  order_id: string;
  seq: number;
  at: number;
  actor_id: string | null;
  actor_role: string;
  event: string;
  from_state: string | null;
  to_state: string;
  request_id: string | null;
  details: string | null;
}

export interface AccessDomainsTable {
  domain: string;
  decision: string;
  reason: string;
  subject_id: string | null;
  order_id: string | null;
  version: number;
  updated_at: number;
}

export interface OutboxTable {
  id: string;
  channel: string;
  recipient: string;
  template: string;
  lang: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  event_ref: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface MaterialsTable {
  id: string;
  order_id: string;
  account_id: string;
  kind: string;
  website_index: number | null;
  blob_key: string;
  thumb_key: string | null;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  sha256: string;
  encrypted: number;
  uploaded_by: string;
  uploaded_role: string;
  created_at: number;
  replaced_at: number | null;
}

export interface CurtainRequestsTable {
  id: string;
  order_id: string;
  account_id: string;
  address_enc: string;
  province: string;
  paid_resend: number;
  state: string;
  dispatch_date: string;
  dispatched_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface ReviewCallsTable {
  id: string;
  order_id: string;
  reviewer_id: string;
  attempt: number;
  outcome: string;
  note: string | null;
  at: number;
  /** Seq of the order event that opened the initial-review round the call belongs to (002_review). */
  round_seq: number | null;
  /** Blind index of the number called, so a reached call confirms only that principal (R-ORD-018). */
  callee_key: string | null;
  callee_masked: string | null;
}

/** One review rejection with its reasons and the draft it judged, encrypted (002_review; R-REJ-001/002). */
export interface ReviewRejectionsTable {
  id: string;
  order_id: string;
  /** The order version the rejection was decided on; the draft snapshot is the draft at that version. */
  order_version: number;
  stage: string;
  reasons: string;
  note: string | null;
  draft_enc: string;
  reviewer_id: string | null;
  at: number;
}

export interface BureauSubmissionsTable {
  id: string;
  order_id: string;
  payload_hash: string;
  upload_id: string | null;
  state: string;
  attempts: number;
  last_result: string | null;
  created_at: number;
  updated_at: number;
  /** 003_bureau: the round (seq of the order event entering PENDING_BUREAU) this upload belongs to, and how results name it. */
  round_seq: Nullable<number>;
  order_type: Nullable<string>;
  ref: Nullable<number>;
  result_keys: Nullable<string>;
  file_name: Nullable<string>;
  data_sequence: Nullable<number>;
}

/** 003_bureau: the MIIT upload journal (one row). */
export interface BureauJournalTable {
  id: string;
  state: string;
  updated_at: number;
}

/** 003_bureau: every file downloaded from the bureau (no personal data: kinds and a result summary). */
export interface BureauInboxTable {
  id: string;
  file_name: string;
  payload_sha256: string;
  kinds: string;
  summary: string;
  received_at: number;
  applied_at: number | null;
}

/** 003_bureau: access records of filed websites, this provider's and others' (R-BUR-021). */
export interface RegistryAccessTable {
  id: string;
  website_id: string;
  provider_id: number;
  bureau_id: number | null;
  access_ip: string | null;
  status: string;
  created_at: number;
  updated_at: number;
}

/** 006_extras: the public-security filing number a customer recorded for a website (R-EXT-002). */
export interface PsbRecordsTable {
  id: string;
  website_id: string;
  account_id: string;
  psb_number: string;
  approved_on: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** 006_extras: a qualification-document request (接入商资质证明) as a ticket (R-EXT-004/005). */
export interface QualificationRequestsTable {
  id: string;
  account_id: string;
  domain: string;
  uin: string;
  registered_capital_cny: number | null;
  website_id: string | null;
  filing_number: string | null;
  /** JSON array of the non-blocking findings (R-EXT-005). */
  warnings: string;
  state: string;
  note: string | null;
  decided_by: string | null;
  decided_at: number | null;
  created_at: number;
  updated_at: number;
}

/** 005_registrar: the provider's registrar database (R-WEB-007..014); the registrant name is an envelope. */
export interface RegistrarDomainsTable {
  /** Registrable domain, ASCII (punycode), lower-case. */
  domain: string;
  registrar: string;
  domestic_qualified: number;
  /** Civil date real-name verification completed; null = not verified. */
  real_name_verified_on: string | null;
  /** PERSONAL | ORGANISATION; null = not stated. */
  registrant_type: string | null;
  registrant_name_enc: string | null;
  privacy_protection: number;
  expires_on: string | null;
  updated_at: number;
}

/** 005_registrar: blind indexes of filed principals (R-SUB-019/020/023), kept up to date by the check-facts gatherer. */
export interface RegistryPrincipalKeysTable {
  /** The subject or website row the principal belongs to. */
  entity_id: string;
  entity_type: string;
  subject_id: string;
  /** `updated_at` of the source row when these keys were computed. */
  source_updated_at: number;
  mobile_key: string | null;
  phone_key: string | null;
  cert_key: string | null;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  calendar_overrides: CalendarOverridesTable;
  province_overrides: ProvinceOverridesTable;
  timers: TimersTable;
  servers: ServersTable;
  auth_codes: AuthCodesTable;
  subjects: SubjectsTable;
  websites: WebsitesTable;
  domains: DomainsTable;
  orders: OrdersTable;
  order_events: OrderEventsTable;
  access_domains: AccessDomainsTable;
  outbox: OutboxTable;
  materials: MaterialsTable;
  curtain_requests: CurtainRequestsTable;
  review_calls: ReviewCallsTable;
  review_rejections: ReviewRejectionsTable;
  bureau_submissions: BureauSubmissionsTable;
  bureau_journal: BureauJournalTable;
  bureau_inbox: BureauInboxTable;
  registry_access: RegistryAccessTable;
  registrar_domains: RegistrarDomainsTable;
  registry_principal_keys: RegistryPrincipalKeysTable;
  psb_records: PsbRecordsTable;
  qualification_requests: QualificationRequestsTable;
}
