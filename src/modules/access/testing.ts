import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabase } from '../../../test/support/db.ts';
import { createBeian } from '../../platform/beian.ts';
import { AdjustableClock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import { loadPiiCrypto } from '../../platform/crypto/boot.ts';
import { maskIdNumber } from '../../platform/crypto/pii.ts';
import { newId, randomDigits } from '../../platform/db/ids.ts';
import type { OrderType } from '../filings/domain/order-types.ts';
import type { OrderState } from '../filings/domain/states.ts';
import { INITIAL_FLAGS } from '../filings/domain/transitions.ts';

/**
 * Test support for the access module (not a test file). A whole Beian like test/support/app.ts, but with its PII
 * keys in a temporary data directory, so a test can write registry rows (a subject filed at another provider) and
 * orders of types the verify step cannot create (CHANGE_*, CANCEL_*) exactly as the platform stores them.
 */
export async function accessTestApp(opts: { env?: Record<string, string>; now?: string } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'beian-access-'));
  const database = await testDatabase();
  const clock = new AdjustableClock(opts.now ?? '2026-11-02T09:00:00+08:00', { frozen: true });
  const config = loadConfig({
    BEIAN_DATA_DIR: dataDir,
    BEIAN_SERVER_SYNC_DELAY_MINUTES: '0',
    BEIAN_ACCESS_PORT: '0',
    ...opts.env,
  });
  const beian = await createBeian(config, { database, clock, logger: false });
  await beian.app.ready();
  // the same secrets file createBeian wrote: the keys the order and subject rows are encrypted with
  const pii = loadPiiCrypto(config);
  return {
    ...beian,
    clock,
    pii,
    async close() {
      await beian.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
export type AccessTestApp = Awaited<ReturnType<typeof accessTestApp>>;

export const SYSTEM_ACTOR = { id: null, role: 'system' as const };
export const BUREAU_ACTOR = { id: null, role: 'bureau' as const };

/** A mainland (or other) server in an account's inventory. */
export async function addServer(
  t: AccessTestApp,
  accountNo: string,
  s: { externalId: string; ip: string; regionKind?: 'mainland' | 'hongkong' | 'overseas'; region?: string },
) {
  await t.servers.importMany(
    [
      {
        externalId: s.externalId,
        accountNo,
        name: s.externalId,
        region: s.region ?? (s.regionKind && s.regionKind !== 'mainland' ? 'ap-hongkong' : 'ap-guangzhou'),
        regionKind: s.regionKind ?? 'mainland',
        billingMode: 'prepaid',
        prepaidMonths: 12,
        purchasedAt: '2026-10-01',
        expiresAt: '2027-10-01',
        publicIp: s.ip,
      },
    ],
    SYSTEM_ACTOR,
  );
}

/**
 * A subject with one website filed at the bureau, as the registry holds it. `accessedHere: false` is a filing whose
 * only access record is at another provider (P2), the precondition of an ACCESS order (R-ORD-004).
 */
export async function seedFiledSubject(
  t: AccessTestApp,
  s: {
    accountId: string;
    name: string;
    certificateType: string;
    certificateNumber: string;
    subjectType?: string;
    province?: string;
    filingNumber: string;
    websites: { domains: string[]; accessedHere: boolean; name?: string }[];
  },
) {
  const db = t.database.db;
  const now = t.clock.now().getTime();
  const subjectId = newId();
  await db
    .insertInto('subjects')
    .values({
      id: subjectId,
      account_id: s.accountId,
      subject_key: t.pii.indexer.blindIndex(
        `${s.certificateType}:${s.certificateNumber.trim().toUpperCase()}`,
        'subject.cert',
      ),
      subject_type: s.subjectType ?? 'PERSONAL',
      name: s.name,
      province: s.province ?? '广东',
      cert_type: s.certificateType,
      cert_number_enc: t.pii.keyring.encryptString(s.certificateNumber, `subjects.cert.${subjectId}`),
      cert_number_masked: maskIdNumber(s.certificateNumber),
      filing_number: s.filingNumber,
      status: 'FILED',
      data_enc: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const websiteIds: string[] = [];
  for (const [i, w] of s.websites.entries()) {
    const websiteId = newId();
    websiteIds.push(websiteId);
    await db
      .insertInto('websites')
      .values({
        id: websiteId,
        subject_id: subjectId,
        name: w.name ?? `网站${i + 1}`,
        filing_number: `${s.filingNumber}-${i + 1}`,
        status: 'FILED',
        accessed_here: w.accessedHere ? 1 : 0,
        access_ip: null,
        server_id: null,
        data_enc: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const domain of w.domains)
      await db
        .insertInto('domains')
        .values({ id: newId(), website_id: websiteId, subject_id: subjectId, domain, status: 'FILED', created_at: now })
        .execute();
  }
  return { subjectId, websiteIds };
}

/**
 * An order row in a given state, stored like OrdersService stores it (encrypted draft), for types the verify step
 * does not create yet. Every later state change goes through `orders.transition()`.
 */
export async function insertOrder(
  t: AccessTestApp,
  o: {
    accountId: string;
    type: OrderType;
    state: OrderState;
    draft: Record<string, unknown>;
    subjectId?: string | null;
    initialPassed?: boolean;
  },
) {
  const id = newId();
  const now = t.clock.now().getTime();
  await t.database.db
    .insertInto('orders')
    .values({
      id,
      order_no: `20261102${randomDigits(6)}`,
      account_id: o.accountId,
      subject_id: o.subjectId ?? null,
      order_type: o.type,
      variant: null,
      state: o.state,
      version: 1,
      province: '广东',
      server_id: null,
      auth_code_id: null,
      access_ip: null,
      draft_enc: t.pii.keyring.encryptString(JSON.stringify(o.draft), `orders.draft_enc.${id}`),
      summary: JSON.stringify({ websites: [] }),
      flags: JSON.stringify({ ...INITIAL_FLAGS, initialReviewPassed: !!o.initialPassed }),
      rejection: null,
      initial_passed: o.initialPassed ? 1 : 0,
      photo_flagged: 0,
      state_entered_at: now,
      submitted_at: now,
      bureau_ref: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** A draft naming the given domains, the part transition() reads to find an order's domains. */
export const domainsDraft = (orderType: OrderType, domains: string[][]) => ({
  orderType,
  province: '广东',
  websites: domains.map((d) => ({ domains: d })),
});
