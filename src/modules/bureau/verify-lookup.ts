import type { BureauVerifyAnswer, BureauVerifyLookup } from '../filings/orders.service.ts';
import { registrableDomain } from '../rules/validators/domain.ts';
import type { BureauPort } from './port.ts';

/**
 * The verify step's question to the bureau (R-ORD-003 step 7, R-ORD-004/006/008/009, R-ORD-033, R-WEB-004): the
 * filing behind the entered certificate and behind each entered domain (the public query, which knows the records of
 * every provider), and the applications in flight at any provider. Asked before the verify step's transaction.
 */
export function createVerifyLookup(port: BureauPort, opts: { timeoutMs?: number } = {}): BureauVerifyLookup {
  const timeoutMs = opts.timeoutMs ?? 8_000;
  return async (q) => {
    const domains = q.domains.map((d) => {
      try {
        return registrableDomain(d) ?? d.trim().toLowerCase();
      } catch {
        return d.trim().toLowerCase();
      }
    });
    const work = async (): Promise<BureauVerifyAnswer> => {
      const cert = q.certificateNumber.trim().toUpperCase();
      const [bySubject, inFlight, ...byDomain] = await Promise.all([
        port.publicQuery({ cert }),
        port.inFlight({ certificateNumber: cert, domains }),
        ...domains.map((domain) => port.publicQuery({ domain })),
      ]);
      const s = bySubject[0];
      return {
        subject: s ? { filingNumber: s.subjectFilingNumber, name: s.subjectName } : null,
        subjectInFlight: inFlight.subject,
        domains: domains.map((domain, i) => {
          const r = byDomain[i]?.[0];
          return {
            domain,
            inFlight: inFlight.domains.includes(domain),
            filing: r
              ? {
                  websiteFilingNumber: r.websiteFilingNumber,
                  subjectFilingNumber: r.subjectFilingNumber,
                  subjectName: r.subjectName,
                }
              : null,
          };
        }),
      };
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the bureau did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([work(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}
