import { testDatabase } from '../../../test/support/db.ts';
import { createBeian } from '../../platform/beian.ts';
import { AdjustableClock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import { maskIdNumber } from '../../platform/crypto/pii.ts';
import { newId, randomDigits } from '../../platform/db/ids.ts';
import { type AccessChange, applyAccessChanges } from '../access/access.repository.ts';

/**
 * Test support for the extras (not a test file): a whole Beian like test/support/app.ts, but with the diagnosis's
 * DNS boundary answered from a table the test fills (`dns`), and helpers that write registry rows exactly as the
 * bureau sync stores them.
 */
export async function extrasTestApp(opts: { env?: Record<string, string>; now?: string } = {}) {
  const database = await testDatabase();
  const clock = new AdjustableClock(opts.now ?? '2018-11-05T10:00:00+08:00', { frozen: true });
  const config = loadConfig({
    BEIAN_DATA_DIR: '/tmp/beian-test-unused',
    BEIAN_SERVER_SYNC_DELAY_MINUTES: '0',
    ...opts.env,
  });
  /** host → IPv4 addresses; a missing host fails like the system resolver does (ENOTFOUND). */
  const dns = new Map<string, string[]>();
  const resolveHost = async (host: string) => {
    const ips = dns.get(host);
    if (!ips) throw Object.assign(new Error(`queryA ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return ips;
  };
  const beian = await createBeian(config, { database, clock, logger: false, ephemeralKeys: true, resolveHost });
  await beian.app.ready();
  return {
    ...beian,
    clock,
    dns,
    async close() {
      await beian.close();
      await database.close();
    },
  };
}
export type ExtrasTestApp = Awaited<ReturnType<typeof extrasTestApp>>;

const SYSTEM_ACTOR = { id: null, role: 'system' as const };

export async function addServer(
  t: ExtrasTestApp,
  accountNo: string,
  s: { externalId: string; ip: string; region?: string; regionKind?: 'mainland' | 'hongkong' | 'overseas' },
) {
  await t.servers.importMany(
    [
      {
        externalId: s.externalId,
        accountNo,
        name: s.externalId,
        region: s.region ?? 'ap-guangzhou',
        regionKind: s.regionKind ?? 'mainland',
        billingMode: 'prepaid',
        prepaidMonths: 12,
        purchasedAt: '2018-10-01',
        expiresAt: '2019-10-01',
        publicIp: s.ip,
      },
    ],
    SYSTEM_ACTOR,
  );
  const row = await t.database.db
    .selectFrom('servers')
    .select('id')
    .where('external_id', '=', s.externalId)
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface SeedWebsite {
  domain: string;
  name?: string;
  accessedHere: boolean;
  /** The server of this provider the website is accessed on (its IP becomes the access IP). */
  server?: { id: string; ip: string };
  /** Access records at other providers (bureau provider ids). */
  otherProviders?: { providerId: number; ip: string }[];
  approvedOn?: string;
  /** The access projection row; none when omitted. */
  access?: Pick<AccessChange, 'decision' | 'reason'>;
}

/** A subject filed at the bureau with its websites, domains, registry access records and access projection rows. */
export async function seedFiled(
  t: ExtrasTestApp,
  s: {
    accountId: string;
    name: string;
    province: string;
    subjectType?: string;
    city?: string;
    filingNumber: string;
    websites: SeedWebsite[];
  },
) {
  const db = t.database.db;
  const now = t.clock.now().getTime();
  const subjectId = newId();
  const cert = `91440101${randomDigits(10)}`;
  await db
    .insertInto('subjects')
    .values({
      id: subjectId,
      account_id: s.accountId,
      subject_key: t.pii.indexer.blindIndex(`USCC:${cert}`, 'subject.cert'),
      subject_type: s.subjectType ?? 'ENTERPRISE',
      name: s.name,
      province: s.province,
      cert_type: 'USCC',
      cert_number_enc: t.pii.keyring.encryptString(cert, `subjects.cert.${subjectId}`),
      cert_number_masked: maskIdNumber(cert),
      filing_number: s.filingNumber,
      status: 'FILED',
      data_enc: t.pii.keyring.encryptString(
        JSON.stringify({
          subject: { name: s.name, communicationAddress: s.city ? { province: s.province, city: s.city } : undefined },
          subjectPrincipal: {},
        }),
        `subjects.data.${subjectId}`,
      ),
      approved_on: '2018-11-05',
      created_at: now,
      updated_at: now,
    })
    .execute();
  const websiteIds: string[] = [];
  const changes: AccessChange[] = [];
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
        access_ip: w.accessedHere ? (w.server?.ip ?? null) : null,
        server_id: w.accessedHere ? (w.server?.id ?? null) : null,
        data_enc: null,
        approved_on: w.approvedOn ?? '2018-11-05',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('domains')
      .values({
        id: newId(),
        website_id: websiteId,
        subject_id: subjectId,
        domain: w.domain,
        host: w.domain,
        status: 'FILED',
        created_at: now,
      })
      .execute();
    for (const p of w.otherProviders ?? [])
      await db
        .insertInto('registry_access')
        .values({
          id: newId(),
          website_id: websiteId,
          provider_id: p.providerId,
          bureau_id: null,
          access_ip: p.ip,
          status: 'ACTIVE',
          created_at: now,
          updated_at: now,
        })
        .execute();
    if (w.access) changes.push({ domain: w.domain, ...w.access, subjectId });
  }
  await t.database.db.transaction().execute((tx) => applyAccessChanges(tx, changes, now));
  return { subjectId, websiteIds };
}

/** An order row naming domains in its summary (the console's "ordered" domains), in a non-terminal state. */
export async function seedOpenOrder(t: ExtrasTestApp, o: { accountId: string; subjectId?: string; domains: string[] }) {
  const id = newId();
  const now = t.clock.now().getTime();
  await t.database.db
    .insertInto('orders')
    .values({
      id,
      order_no: `20181105${randomDigits(6)}`,
      account_id: o.accountId,
      subject_id: o.subjectId ?? null,
      order_type: o.subjectId ? 'CHANGE_WEBSITE' : 'FIRST',
      variant: null,
      state: 'DRAFT',
      version: 1,
      province: '广东',
      server_id: null,
      auth_code_id: null,
      access_ip: null,
      draft_enc: t.pii.keyring.encryptString('{}', `orders.draft_enc.${id}`),
      summary: JSON.stringify({ websites: [{ name: null, domains: o.domains }] }),
      flags: '{}',
      rejection: null,
      initial_passed: 0,
      photo_flagged: 0,
      state_entered_at: now,
      submitted_at: null,
      bureau_ref: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** An order approved now (its APPROVED event), as the lifecycle leaves it: the day its websites opened here. */
export async function seedApprovedOrder(
  t: ExtrasTestApp,
  o: { accountId: string; type: 'FIRST' | 'ADD_WEBSITE' | 'ACCESS'; domains: string[] },
) {
  const id = await seedOpenOrder(t, { accountId: o.accountId, domains: o.domains });
  const now = t.clock.now().getTime();
  await t.database.db
    .updateTable('orders')
    .set({ order_type: o.type, state: 'APPROVED', state_entered_at: now })
    .where('id', '=', id)
    .execute();
  await t.database.db
    .insertInto('order_events')
    .values({
      id: newId(),
      order_id: id,
      seq: 1,
      at: now,
      actor_id: null,
      actor_role: 'bureau',
      event: 'BUREAU_APPROVED',
      from_state: 'PENDING_BUREAU',
      to_state: 'APPROVED',
      request_id: null,
      details: null,
    })
    .execute();
  return id;
}
