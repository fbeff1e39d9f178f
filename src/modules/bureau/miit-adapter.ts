import { DomainError } from '../../platform/errors.ts';
import { buildOrderUpload, buildUnfiledReport, readDownload } from './mapping.ts';
import { MiitClient, type MiitCredentials, type MiitLogger, type UploadJournal } from './miit/client.ts';
import { MiitProtocolError } from './miit/errors.ts';
import type {
  BureauInFlight,
  BureauPort,
  BureauStatus,
  BureauSubmission,
  PasswordRetrieval,
  PortalRecord,
  StatusQuery,
  SubmitReceipt,
} from './port.ts';
import { type PortalRecordAnswer, recordFromPortal } from './record-mapping.ts';

/**
 * The bureau port over the MIIT enterprise interface V3.0 (the MiitClient: SOAP, envelope, journal) for everything
 * the interface carries, and over the bureau's public portal for what it does not (password change and retrieval,
 * the public query, suffixes, third-party cancellation requests: the functions of beian.miit.gov.cn, R-BUR-001).
 */

export interface MiitAdapterOptions {
  /** The bureau's interface host; the spec's service paths are appended. */
  baseUrl: string;
  /** The bureau portal; default the same host (the simulator serves both). */
  portalUrl?: string;
  credentials: MiitCredentials;
  journal: UploadJournal;
  logger?: MiitLogger;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  /** Encrypt uploads (AES-CBC); default: when AES material is configured. Downloads are decrypted either way. */
  encryptUploads?: boolean;
}

export type MiitAdapter = BureauPort &
  Required<Pick<BureauPort, 'reportUnfiledHandling'>> & { readonly client: MiitClient; readonly ispId: number };

export function createMiitAdapter(opts: MiitAdapterOptions): MiitAdapter {
  // the client spreads its options over its defaults, so an option given as undefined must not be passed at all
  const tuning = Object.fromEntries(
    Object.entries({
      logger: opts.logger,
      fetch: opts.fetch,
      timeoutMs: opts.timeoutMs,
      retries: opts.retries,
      backoffMs: opts.backoffMs,
      encryptUploads: opts.encryptUploads,
    }).filter(([, v]) => v !== undefined),
  );
  const client = new MiitClient({
    baseUrl: opts.baseUrl,
    credentials: opts.credentials,
    journal: opts.journal,
    ...tuning,
  });
  const portalBase = (opts.portalUrl ?? opts.baseUrl).replace(/\/+$/, '');
  const fetchImpl = opts.fetch ?? fetch;

  /** The portal answers JSON; a refusal carries `{code, message:{zh,en}}` and becomes a DomainError with that reason. */
  async function portal<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetchImpl(`${portalBase}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      });
    } catch (e) {
      throw new DomainError('SERVICE_UNAVAILABLE', {
        reason: 'BUREAU_UNAVAILABLE',
        message: {
          zh: '管局系统暂不可用，请稍后再试',
          en: `The bureau portal is unavailable: ${(e as Error).message}`,
        },
      });
    }
    const json = (await res.json().catch(() => ({}))) as { code?: string; message?: { zh: string; en: string } } & T;
    if (res.ok) return json;
    if (res.status >= 500)
      throw new DomainError('SERVICE_UNAVAILABLE', {
        reason: 'BUREAU_UNAVAILABLE',
        message: { zh: '管局系统暂不可用，请稍后再试', en: `The bureau portal answered HTTP ${res.status}` },
      });
    throw new DomainError(res.status === 404 ? 'NOT_FOUND' : 'RULE_VIOLATION', {
      reason: json.code ?? `BUREAU_HTTP_${res.status}`,
      message: json.message ?? { zh: '管局拒绝了请求', en: `The bureau refused the request (HTTP ${res.status})` },
    });
  }

  return {
    client,
    ispId: opts.credentials.ispId,

    async submit(s: BureauSubmission): Promise<SubmitReceipt> {
      const { data, resultKeys } = buildOrderUpload(s, opts.credentials.ispId);
      const out = await client.upload(data);
      return { ...out, resultKeys };
    },

    async reportUnfiledHandling(lines) {
      const out = await client.upload(buildUnfiledReport(lines, opts.credentials.ispId));
      return { fileName: out.fileName };
    },

    poll(handle) {
      return client.drain(async (file) => handle(readDownload(file.fileName, file.payloadSha256, file.data)));
    },

    async verifyFilingPassword(filingNumber: string, password: string): Promise<boolean> {
      try {
        return await client.verifyFilingPassword(filingNumber, password);
      } catch (e) {
        if (e instanceof MiitProtocolError && e.msgCode === 22)
          throw new DomainError('TOO_MANY_REQUESTS', {
            reason: 'FILING_PASSWORD_ATTEMPTS',
            message: {
              zh: '备案密码校验次数过多，请仔细核对备案密码后再试',
              en: 'Too many filing-password checks; check the password and retry later',
            },
          });
        throw e;
      }
    },

    async changeFilingPassword(input) {
      await portal('POST', '/portal/password/change', input);
    },

    async retrieveFilingPassword(input: PasswordRetrieval) {
      await portal('POST', '/portal/password/retrieve', input);
    },

    requestOfflineRetrieval(input) {
      return portal<{ requestId: string; dueOn: string }>('POST', '/portal/password/retrieve-offline', input);
    },

    async status(q: StatusQuery): Promise<BureauStatus> {
      const s =
        'domain' in q
          ? await client.queryFilingStatus(0, q.domain)
          : await client.queryFilingStatus(q.conditionType as 1, q.certificateNumber);
      if (!s.filed) return { filed: false };
      return {
        filed: true,
        subjectFilingNumber: s.subjectNumber,
        websiteFilingNumber: s.websiteNumber,
        websiteName: s.websiteName,
      };
    },

    async publicQuery(q) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(q)) if (v) params.set(k, v);
      return (await portal<{ records: PortalRecord[] }>('GET', `/portal/query?${params}`)).records;
    },

    async fetchRecord(filingNumber: string, password: string) {
      const answer = await portal<PortalRecordAnswer>('POST', '/portal/record', { filingNumber, password });
      return recordFromPortal(answer);
    },

    async inFlight(q): Promise<BureauInFlight> {
      const params = new URLSearchParams();
      if (q.certificateNumber) params.set('cert', q.certificateNumber);
      for (const d of q.domains) params.append('domain', d);
      const a = await portal<BureauInFlight>('GET', `/portal/in-flight?${params}`);
      return { subject: a.subject === true, domains: Array.isArray(a.domains) ? a.domains : [] };
    },

    async approvedSuffixes() {
      return (await portal<{ suffixes: string[] }>('GET', '/portal/suffixes')).suffixes;
    },

    requestThirdPartyCancellation(input) {
      return portal<{ requestId: string }>('POST', '/portal/cancellation-requests', input);
    },
  };
}
