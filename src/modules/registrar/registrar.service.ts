import type { Clock } from '../../platform/clock.ts';
import type { PiiCrypto } from '../../platform/crypto/boot.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { type Actor, appendAudit } from '../audit/audit.repository.ts';
import { beijingDate, isCivilDate } from '../calendar/index.ts';
import type { DomainFacts } from '../rules/context.ts';
import { parseDomain } from '../rules/validators/domain.ts';
import type { RegistrarDomainInputT } from './registrar.schema.ts';

/**
 * The registrar port: facts about domains from the registrar that holds them (R-WEB-007..014, R-CHG-015). Keyed by
 * registrable domain in ASCII; a domain the registrar does not know is absent from the answer (no facts, not "bad"
 * facts), because the bureau checks those itself and a guessed fact would be a false rejection.
 */
export interface RegistrarPort {
  lookup(domains: readonly string[]): Promise<Record<string, DomainFacts>>;
}

/** Lookups are batched so that an IN list stays far below SQLite's and PostgreSQL's parameter limits. */
const BATCH = 500;

const nameContext = (domain: string) => `registrar_domains.registrant_name.${domain}`;

/** The registrable ASCII form of an entry, or null when it is not a registrable domain (a host, an IP, junk). */
export function registrableAscii(input: string): string | null {
  const p = parseDomain(input);
  return p.ok ? p.registrable : null;
}

export function createRegistrar(deps: { database: Database; clock: Clock; pii: PiiCrypto }) {
  const { db } = deps.database;
  const { keyring } = deps.pii;

  /** The provider's own registrar database as a RegistrarPort. */
  const port: RegistrarPort = {
    async lookup(domains) {
      const wanted = [...new Set(domains.map(registrableAscii).filter((d): d is string => d !== null))];
      const today = beijingDate(deps.clock.now());
      const out: Record<string, DomainFacts> = {};
      for (let i = 0; i < wanted.length; i += BATCH) {
        const rows = await db
          .selectFrom('registrar_domains')
          .selectAll()
          .where('domain', 'in', wanted.slice(i, i + BATCH))
          .execute();
        for (const r of rows) {
          const facts: DomainFacts = {
            registrar: r.registrar,
            domesticQualified: r.domestic_qualified === 1,
            realNameVerifiedOn: r.real_name_verified_on,
            privacyProtection: r.privacy_protection === 1,
          };
          if (r.registrant_type === 'PERSONAL' || r.registrant_type === 'ORGANISATION')
            facts.registrantType = r.registrant_type;
          if (r.registrant_name_enc)
            facts.registrantName = keyring.decryptString(r.registrant_name_enc, nameContext(r.domain));
          // the registration covers its last day; it has lapsed from the day after
          if (r.expires_on) facts.expired = r.expires_on < today;
          out[r.domain] = facts;
        }
      }
      return out;
    },
  };

  function invalid(row: number, zh: string, en: string): DomainError {
    return new DomainError('VALIDATION_FAILED', {
      reason: 'REGISTRAR_ROW_INVALID',
      message: { zh: `第 ${row} 行无效：${zh}`, en: `Row ${row} is invalid: ${en}` },
      details: { row },
    });
  }

  /** The row of one input, or the refusal naming its row (1-based). */
  function toRow(input: RegistrarDomainInputT, row: number, now: number) {
    const p = parseDomain(input.domain);
    if (!p.ok || !p.isRegistrable)
      throw invalid(row, `${input.domain} 不是可注册域名`, `${input.domain} is not a registrable domain`);
    for (const [field, value] of [
      ['realNameVerifiedOn', input.realNameVerifiedOn],
      ['expiresOn', input.expiresOn],
    ] as const) {
      if (value != null && !isCivilDate(value)) throw invalid(row, `${field} 日期无效`, `${field} is not a valid date`);
    }
    const name = input.registrantName?.trim();
    return {
      domain: p.registrable,
      registrar: input.registrar.trim(),
      domestic_qualified: input.domesticQualified ? 1 : 0,
      real_name_verified_on: input.realNameVerifiedOn ?? null,
      registrant_type: input.registrantType ?? null,
      registrant_name_enc: name ? keyring.encryptString(name, nameContext(p.registrable)) : null,
      privacy_protection: input.privacyProtection ? 1 : 0,
      expires_on: input.expiresOn ?? null,
      updated_at: now,
    };
  }

  /**
   * Bulk upsert by domain, all or nothing (a half-imported registrar file would give half the facts). Each domain is
   * replaced as a whole. One audit entry names the count, not the domains' registrants.
   */
  async function importMany(inputs: readonly RegistrarDomainInputT[], actor: Actor, requestId?: string) {
    const now = deps.clock.now().getTime();
    const rows = inputs.map((input, i) => toRow(input, i + 1, now));
    const seen = new Map<string, number>();
    rows.forEach((r, i) => {
      const first = seen.get(r.domain);
      if (first !== undefined)
        throw invalid(i + 1, `${r.domain} 与第 ${first} 行重复`, `${r.domain} repeats row ${first}`);
      seen.set(r.domain, i + 1);
    });
    return db.transaction().execute(async (tx: Tx) => {
      let created = 0;
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = rows.slice(i, i + BATCH);
        const existing = await tx
          .selectFrom('registrar_domains')
          .select('domain')
          .where(
            'domain',
            'in',
            batch.map((r) => r.domain),
          )
          .execute();
        created += batch.length - existing.length;
        for (const r of batch) {
          const { domain: _domain, ...update } = r;
          await tx
            .insertInto('registrar_domains')
            .values(r)
            .onConflict((oc) => oc.column('domain').doUpdateSet(update))
            .execute();
        }
      }
      await appendAudit(
        tx,
        {
          actor,
          action: 'registrar.import',
          objectType: 'registrar_domains',
          requestId,
          details: { imported: rows.length, created },
        },
        now,
      );
      return { imported: rows.length, created, updated: rows.length - created };
    });
  }

  return { port, importMany };
}
export type Registrar = ReturnType<typeof createRegistrar>;
