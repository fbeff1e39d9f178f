import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { testDatabase } from '../../../test/support/db.ts';
import { personDraft } from '../../../test/support/drafts.ts';
import { AdjustableClock } from '../../platform/clock.ts';
import type { PiiCrypto } from '../../platform/crypto/boot.ts';
import { BlindIndexer, Keyring, maskIdNumber } from '../../platform/crypto/pii.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { createWorkCalendar } from '../calendar/index.ts';
import { createRegistrar } from '../registrar/registrar.service.ts';
import { checkFiling } from '../rules/check.ts';
import type { CheckContext } from '../rules/context.ts';
import type { FilingDraft, Principal, Website } from '../rules/draft.ts';
import type { Violation } from '../rules/violation.ts';
import { gatherCheckFacts } from './check-facts.ts';
import { checkContextFor, SHIPPED_PROVINCE_RULES } from './checker.ts';

// Monday 2026-11-02, 09:00 in Beijing (the testApp default).
const NOW = '2026-11-02T09:00:00+08:00';
const TODAY = '2026-11-02';
const T0 = Date.parse('2026-09-01T00:00:00Z');
const ZHANG_CERT = '440524188001010014';

let database: Database;
let pii: PiiCrypto;
let registrar: ReturnType<typeof createRegistrar>;
const clock = new AdjustableClock(NOW, { frozen: true });
const calendar = createWorkCalendar();
const SYSTEM = { id: null, role: 'system' as const };

// a fresh database per test: the facts are about "everything else on the platform", so tests must not see each other
beforeEach(async () => {
  database = await testDatabase();
  pii = {
    keyring: Keyring.fromConfig(`k1:${randomBytes(32).toString('base64')}`),
    indexer: new BlindIndexer(randomBytes(32)),
  };
  registrar = createRegistrar({ database, clock, pii });
});
afterEach(async () => database.close());

// ---------------------------------------------------------------------------------------------------------------
// Rows as the platform writes them.

async function account(): Promise<{ id: string; accountNo: string }> {
  const id = newId();
  const accountNo = `1000${randomBytes(4).readUInt32BE(0).toString().padStart(10, '0')}`.slice(0, 14);
  await database.db
    .insertInto('users')
    .values({
      id,
      account_no: accountNo,
      email: `${id}@example.com`,
      password_hash: 'x',
      role: 'customer',
      display_name: 'c',
      mobile_enc: null,
      disabled: 0,
      created_at: T0,
      updated_at: T0,
    })
    .execute();
  return { id, accountNo };
}

async function server(
  accountId: string,
  o: { ip?: string; expiresAt?: string; purchasedAt?: string } = {},
): Promise<string> {
  const id = newId();
  await database.db
    .insertInto('servers')
    .values({
      id,
      external_id: id,
      account_id: accountId,
      name: 'cvm',
      region: 'ap-guangzhou',
      region_kind: 'mainland',
      billing_mode: 'prepaid',
      prepaid_months: 12,
      purchased_at: o.purchasedAt ?? '2026-09-01',
      expires_at: o.expiresAt ?? '2027-09-01',
      public_ip: o.ip ?? '203.0.113.10',
      is_load_balancer: 0,
      synced_at: T0,
      created_at: T0,
      updated_at: T0,
    })
    .execute();
  return id;
}

/** A filed subject with its websites, encrypted as registry.service writes it. */
async function filedSubject(o: {
  accountId: string;
  type?: string;
  name: string;
  cert: string;
  filingNumber: string;
  principal: Principal;
  websites: Array<{ filingNumber: string; name: string; domains: string[]; data?: Website; accessedHere?: boolean }>;
  draftSubject?: FilingDraft['subject'];
}) {
  const id = newId();
  const data = {
    subject: o.draftSubject ?? { type: o.type ?? 'PERSONAL', name: o.name, certificateNumber: o.cert },
    subjectPrincipal: o.principal,
  };
  await database.db
    .insertInto('subjects')
    .values({
      id,
      account_id: o.accountId,
      subject_key: pii.indexer.blindIndex(`RESIDENT_ID:${o.cert}`, 'subject.cert'),
      subject_type: o.type ?? 'PERSONAL',
      name: o.name,
      province: '广东',
      cert_type: 'RESIDENT_ID',
      cert_number_enc: pii.keyring.encryptString(o.cert, `subjects.cert.${id}`),
      cert_number_masked: maskIdNumber(o.cert),
      filing_number: o.filingNumber,
      status: 'FILED',
      data_enc: pii.keyring.encryptString(JSON.stringify(data), `subjects.data.${id}`),
      created_at: T0,
      updated_at: T0,
    })
    .execute();
  for (const w of o.websites) {
    const wid = newId();
    const wdata: Website = w.data ?? { name: w.name, domains: w.domains, principalSameAsSubject: true };
    await database.db
      .insertInto('websites')
      .values({
        id: wid,
        subject_id: id,
        name: w.name,
        filing_number: w.filingNumber,
        status: 'FILED',
        accessed_here: w.accessedHere === false ? 0 : 1,
        access_ip: '203.0.113.99',
        server_id: null,
        data_enc: pii.keyring.encryptString(JSON.stringify(wdata), `websites.data.${wid}`),
        created_at: T0,
        updated_at: T0,
      })
      .execute();
    for (const d of w.domains) {
      await database.db
        .insertInto('domains')
        .values({ id: newId(), website_id: wid, subject_id: id, domain: d, status: 'FILED', created_at: T0 })
        .execute();
    }
  }
  return id;
}

/** An order row with its encrypted draft and its non-personal summary, as OrdersService writes them. */
async function order(accountId: string, state: string, draft: FilingDraft): Promise<string> {
  const id = newId();
  const summary = {
    subjectName: draft.subject?.name ?? null,
    subjectType: draft.subject?.type ?? null,
    certMasked: draft.subject?.certificateNumber ? maskIdNumber(draft.subject.certificateNumber) : null,
    websites: (draft.websites ?? []).map((w) => ({ name: w.name ?? null, domains: w.domains ?? [] })),
  };
  await database.db
    .insertInto('orders')
    .values({
      id,
      order_no: id.slice(0, 12),
      account_id: accountId,
      subject_id: null,
      order_type: draft.orderType ?? 'FIRST',
      variant: null,
      state,
      version: 1,
      province: draft.province ?? null,
      server_id: null,
      auth_code_id: null,
      access_ip: null,
      draft_enc: pii.keyring.encryptString(JSON.stringify(draft), `orders.draft_enc.${id}`),
      summary: JSON.stringify(summary),
      flags: '{}',
      rejection: null,
      initial_passed: 0,
      photo_flagged: 0,
      state_entered_at: T0,
      submitted_at: null,
      bureau_ref: null,
      created_at: T0,
      updated_at: T0,
    })
    .execute();
  return id;
}

async function registrarDomain(domain: string, o: Partial<Parameters<typeof registrar.importMany>[0][number]> = {}) {
  await registrar.importMany(
    [
      {
        domain,
        registrar: '演示云域名注册服务',
        domesticQualified: true,
        realNameVerifiedOn: '2026-09-01',
        registrantType: 'PERSONAL',
        registrantName: '张三',
        privacyProtection: false,
        expiresOn: '2027-09-01',
        ...o,
      },
    ],
    SYSTEM,
  );
}

// ---------------------------------------------------------------------------------------------------------------

const draftFor = (domain: string, edit: (d: FilingDraft) => void = () => {}): FilingDraft => {
  const d = structuredClone(personDraft(domain)) as FilingDraft;
  edit(d);
  return d;
};

async function check(accountId: string, draft: FilingDraft, orderId?: string) {
  const facts = await gatherCheckFacts(
    database.db,
    { pii, clock, calendar, syncDelayMinutes: 30, registrar: registrar.port },
    { accountId, orderId, draft },
  );
  const ctx: CheckContext = {
    ...checkContextFor(SHIPPED_PROVINCE_RULES, { today: TODAY, accountId, orderId }),
    ...facts,
  };
  return { facts, ctx, result: checkFiling(draft, ctx) };
}

const found = (vs: Violation[], code: string, field: string) => vs.find((v) => v.code === code && v.field === field);
const codes = (vs: Violation[]) => vs.map((v) => `${v.rule}:${v.code}@${v.field}`);

let uniqueDomain = 0;
const fresh = (label: string) => `${label}-${++uniqueDomain}-${randomBytes(3).toString('hex')}.cn`;

describe('gatherCheckFacts: facts from the database feed checkFiling', () => {
  test('R-ORD-003 R-ACC-006 R-WEB-004 R-SUB-019 R-ORD-009 R-WEB-007 R-WEB-010: a clean draft with every fact family present has no blocking violation and no fact-based warning', async () => {
    const me = await account();
    await server(me.id);
    const domain = fresh('zhangsan-notes');
    await registrarDomain(domain);
    // an unrelated registry and unrelated open orders: present, but about other people and other domains
    const other = await account();
    await filedSubject({
      accountId: other.id,
      name: '李四',
      cert: '110101199003071234',
      filingNumber: '粤ICP备26000001号',
      principal: { name: '李四', certificateNumber: '110101199003071234', mobile: '13700137000' },
      websites: [{ filingNumber: '粤ICP备26000001号-1', name: '李四的相册', domains: [fresh('lisi')] }],
    });
    await order(
      other.id,
      'PENDING_BUREAU',
      draftFor(fresh('wangwu'), (d) => {
        d.subject!.name = '王五';
        d.subject!.certificateNumber = '110101199001011237';
      }),
    );
    const draft = draftFor(domain);
    const own = await order(me.id, 'DRAFT', draft);
    const { facts, result } = await check(me.id, draft, own);
    // every family was gathered
    assert.equal(facts.servers?.length, 1);
    assert.ok(facts.registry?.principals);
    assert.deepEqual(facts.openOrders, []);
    assert.equal(facts.domains?.[domain]?.registrantName, '张三');
    assert.ok(facts.calendar?.holidays.includes('2026-10-01'));
    assert.equal(facts.config?.resourceSyncDelayMinutes, 30);
    assert.ok(facts.now);
    assert.deepEqual(
      codes(result.violations.filter((v) => v.severity === 'block')),
      [],
      'no false rejection from gathered facts',
    );
    const factWarnings = result.violations.filter((v) => v.field.startsWith('websites[0].domains'));
    assert.deepEqual(codes(factWarnings), []);
  });

  test('R-ORD-029 R-SUB-021 R-ACC-001: an ADD_WEBSITE draft of the filed subject gets no blocking violation from its own registry record', async () => {
    const me = await account();
    await server(me.id);
    const base = draftFor('placeholder.cn');
    const filedDomain = fresh('zhangsan-old');
    await filedSubject({
      accountId: me.id,
      name: '张三',
      cert: ZHANG_CERT,
      filingNumber: '粤ICP备26000100号',
      principal: base.subjectPrincipal!,
      draftSubject: base.subject,
      websites: [
        { filingNumber: '粤ICP备26000100号-1', name: '张三的旧博客', domains: [filedDomain], data: base.websites![0] },
      ],
    });
    await registrarDomain(filedDomain);
    const newDomain = fresh('zhangsan-new');
    await registrarDomain(newDomain);
    const draft = draftFor(newDomain, (d) => {
      d.orderType = 'ADD_WEBSITE';
      d.subjectFilingNumber = '粤ICP备26000100号';
    });
    const own = await order(me.id, 'DRAFT', draft);
    const { facts, ctx, result } = await check(me.id, draft, own);
    assert.equal(facts.registry?.subjects.length, 1);
    assert.equal(facts.registry?.subjects[0]?.accessedHere, true);
    assert.equal(facts.account?.subject?.certificateNumber, ZHANG_CERT);
    // the recorded subject's filed domain was looked up at the registrar too (R-CHG-015)
    assert.ok(facts.domains?.[filedDomain]);
    // what the facts add must not block: compare with the same check without them
    const without = checkFiling(draft, checkContextFor(SHIPPED_PROVINCE_RULES, { today: TODAY, accountId: me.id }));
    const blocking = (vs: Violation[]) => new Set(codes(vs.filter((v) => v.severity === 'block')));
    const added = [...blocking(result.violations)].filter((c) => !blocking(without.violations).has(c));
    assert.deepEqual(
      added,
      [],
      `facts added blocking violations (ctx.registry: ${JSON.stringify(ctx.registry?.subjects.map((s) => s.filingNumber))})`,
    );
  });

  test('R-ACC-010 R-ACC-013: an expired server gives SERVER_EXPIRED at authCode and at the website server', async () => {
    const me = await account();
    const sid = await server(me.id, { purchasedAt: '2026-01-01', expiresAt: '2026-10-01' });
    const domain = fresh('expired');
    const draft = draftFor(domain, (d) => {
      d.websites![0]!.serverIds = [sid];
    });
    const { result } = await check(me.id, draft);
    assert.ok(found(result.violations, 'SERVER_EXPIRED', 'authCode'), codes(result.violations).join('\n'));
    assert.ok(found(result.violations, 'SERVER_EXPIRED', 'websites[0].serverIds[0]'));
  });

  test('R-ACC-012: a server synced less than the delay ago is not yet usable (NO_AVAILABLE_RESOURCE)', async () => {
    const me = await account();
    const sid = await server(me.id);
    await database.db
      .updateTable('servers')
      .set({ synced_at: Date.parse(NOW) - 5 * 60_000 })
      .where('id', '=', sid)
      .execute();
    const { facts, result } = await check(me.id, draftFor(fresh('syncing')));
    assert.equal(facts.servers?.[0]?.usableFrom, new Date(Date.parse(NOW) + 25 * 60_000).toISOString());
    const v = found(result.violations, 'NO_AVAILABLE_RESOURCE', 'authCode');
    assert.ok(v, codes(result.violations).join('\n'));
    assert.match(v.message.en, /synchronised/);
  });

  test('R-ACC-023 R-ACC-022: an unknown code is AUTH_CODE_INVALID; a code reserved by another order is CODE_IN_USE, by this order nothing', async () => {
    const me = await account();
    const owner = await account();
    const sid = await server(owner.id, { ip: '203.0.113.77' });
    const otherOrder = await order(owner.id, 'DRAFT', draftFor(fresh('code-holder')));
    await database.db
      .insertInto('auth_codes')
      .values({
        id: newId(),
        code: 'ABCDEFGHJKMNPQRS',
        server_id: sid,
        owner_account_id: owner.id,
        state: 'RESERVED',
        order_id: otherOrder,
        created_at: T0,
        updated_at: T0,
      })
      .execute();
    const withCode = (code: string) =>
      draftFor(fresh('code'), (d) => {
        d.authCode = code;
        d.websites![0]!.accessIps = ['203.0.113.77'];
      });
    const unknown = await check(me.id, withCode('NOSUCHCODE234567'));
    assert.equal(unknown.facts.authCode, null);
    assert.ok(found(unknown.result.violations, 'AUTH_CODE_INVALID', 'authCode'));

    const inUse = await check(me.id, withCode('abcdefghjkmnpqrs'));
    assert.equal(inUse.facts.authCode?.server.publicIpv4, '203.0.113.77');
    assert.ok(found(inUse.result.violations, 'CODE_IN_USE', 'authCode'), codes(inUse.result.violations).join('\n'));

    const mine = await check(owner.id, withCode('ABCDEFGHJKMNPQRS'), otherOrder);
    assert.equal(found(mine.result.violations, 'CODE_IN_USE', 'authCode'), undefined);
    assert.equal(found(mine.result.violations, 'AUTH_CODE_INVALID', 'authCode'), undefined);
  });

  test('FAQ R-WEB-004: a domain filed by another subject in the registry is DOMAIN_ALREADY_FILED', async () => {
    const me = await account();
    await server(me.id);
    const other = await account();
    const domain = fresh('taken');
    await filedSubject({
      accountId: other.id,
      name: '赵六',
      cert: '110101198807070014',
      filingNumber: '粤ICP备26000200号',
      principal: { name: '赵六', certificateNumber: '110101198807070014', mobile: '13600136000' },
      websites: [{ filingNumber: '粤ICP备26000200号-1', name: '赵六的站', domains: [domain] }],
    });
    const { facts, result } = await check(me.id, draftFor(domain));
    assert.equal(facts.registry?.websites[0]?.filingNumber, '粤ICP备26000200号-1');
    const v = found(result.violations, 'DOMAIN_ALREADY_FILED', 'websites[0].domains[0]');
    assert.ok(v, codes(result.violations).join('\n'));
    assert.equal(v.rule, 'R-WEB-004');
  });

  test('R-ACC-004: a certificate filed under another account is SUBJECT_BOUND_TO_OTHER_ACCOUNT, naming that account masked', async () => {
    const me = await account();
    await server(me.id);
    const other = await account();
    await filedSubject({
      accountId: other.id,
      name: '张三',
      cert: ZHANG_CERT,
      filingNumber: '粤ICP备26000300号',
      principal: { name: '张三', certificateNumber: ZHANG_CERT, mobile: '13800138000' },
      websites: [{ filingNumber: '粤ICP备26000300号-1', name: '张三的站', domains: [fresh('bound')] }],
    });
    const { result } = await check(me.id, draftFor(fresh('bound-new')));
    const v = found(result.violations, 'SUBJECT_BOUND_TO_OTHER_ACCOUNT', 'subject.certificateNumber');
    assert.ok(v, codes(result.violations).join('\n'));
    assert.ok(v.message.zh.includes(`${other.accountNo.slice(0, 4)}****${other.accountNo.slice(-4)}`));
  });

  test('R-SUB-019: a principal mobile recorded for another subject is MOBILE_USED_BY_OTHER_SUBJECT, and stops once the registry record changes', async () => {
    const me = await account();
    await server(me.id);
    const other = await account();
    await filedSubject({
      accountId: other.id,
      name: '孙七',
      cert: '110101197505050011',
      filingNumber: '粤ICP备26000400号',
      principal: { name: '孙七', certificateNumber: '110101197505050011', mobile: '+86 138 0013 8000' },
      websites: [{ filingNumber: '粤ICP备26000400号-1', name: '孙七的站', domains: [fresh('sun')] }],
    });
    const { facts, result } = await check(me.id, draftFor(fresh('mobile')));
    assert.equal(facts.registry?.principals?.[0]?.subjectName, '孙七');
    assert.ok(
      found(result.violations, 'MOBILE_USED_BY_OTHER_SUBJECT', 'subjectPrincipal.mobile'),
      codes(result.violations).join('\n'),
    );

    // the index follows a registry change: the other subject's principal now uses another number
    const row = await database.db
      .selectFrom('subjects')
      .select(['id'])
      .where('filing_number', '=', '粤ICP备26000400号')
      .executeTakeFirstOrThrow();
    const data = {
      subject: { type: 'PERSONAL', name: '孙七', certificateNumber: '110101197505050011' },
      subjectPrincipal: { name: '孙七', certificateNumber: '110101197505050011', mobile: '13500135000' },
    };
    await database.db
      .updateTable('subjects')
      .set({ data_enc: pii.keyring.encryptString(JSON.stringify(data), `subjects.data.${row.id}`), updated_at: T0 + 1 })
      .where('id', '=', row.id)
      .execute();
    const again = await check(me.id, draftFor(fresh('mobile2')));
    assert.equal(found(again.result.violations, 'MOBILE_USED_BY_OTHER_SUBJECT', 'subjectPrincipal.mobile'), undefined);
  });

  test('R-SUB-023: a website principal already serving another organisation is WEBSITE_PRINCIPAL_MULTI_COMPANY', async () => {
    const me = await account();
    await server(me.id);
    const other = await account();
    const person: Principal = { name: '周八', certificateNumber: '110101198202020016', mobile: '13300133000' };
    await filedSubject({
      accountId: other.id,
      type: 'ENTERPRISE',
      name: '示例网络科技有限公司',
      cert: '91440300MA5XXXXX1X',
      filingNumber: '粤ICP备26000500号',
      principal: { name: '吴九', certificateNumber: '110101197001010010', mobile: '13200132000' },
      websites: [
        {
          filingNumber: '粤ICP备26000500号-1',
          name: '示例科技官网',
          domains: [fresh('corp')],
          data: { name: '示例科技官网', principalSameAsSubject: false, principal: person },
        },
      ],
    });
    const draft = draftFor(fresh('org'), (d) => {
      d.subject!.type = 'ENTERPRISE';
      d.subject!.name = '另一家科技有限公司';
      d.subject!.certificateType = 'USCC_LICENCE';
      d.subject!.certificateNumber = '91440300MA5YYYYY2Y';
      d.websites![0]!.principalSameAsSubject = false;
      d.websites![0]!.principal = { ...d.websites![0]!.principal!, ...person, mobile: '13100131000' };
    });
    const { facts, result } = await check(me.id, draft);
    assert.ok(facts.registry?.principals?.some((u) => u.role === 'WEBSITE' && u.subjectType === 'ENTERPRISE'));
    assert.ok(
      found(result.violations, 'WEBSITE_PRINCIPAL_MULTI_COMPANY', 'websites[0].principal.certificateNumber'),
      codes(result.violations).join('\n'),
    );
  });

  test('R-ORD-009 R-ORD-007: a domain in another subject order at the bureau is DOMAIN_CONFLICT; a draft elsewhere is not; another order of the account is ORDER_IN_FLIGHT', async () => {
    const me = await account();
    await server(me.id);
    const other = await account();
    const busy = fresh('busy');
    const drafted = fresh('drafted');
    const otherSubject = (d: FilingDraft) => {
      d.subject!.name = '郑十';
      d.subject!.certificateNumber = '110101199212120019';
    };
    await order(other.id, 'PENDING_BUREAU', draftFor(busy, otherSubject));
    await order(other.id, 'DRAFT', draftFor(drafted, otherSubject));
    const draft = draftFor(busy, (d) => {
      d.websites![0]!.domains = [busy, drafted];
    });
    const own = await order(me.id, 'DRAFT', draft);
    const first = await check(me.id, draft, own);
    assert.equal(first.facts.openOrders?.length, 1, "another account's unsubmitted draft is not an open order against this one");
    assert.ok(
      found(first.result.violations, 'DOMAIN_CONFLICT', 'websites[0].domains[0]'),
      codes(first.result.violations).join('\n'),
    );
    assert.equal(found(first.result.violations, 'DOMAIN_CONFLICT', 'websites[0].domains[1]'), undefined);
    // the order itself is excluded: no ORDER_IN_FLIGHT for its own state
    assert.equal(found(first.result.violations, 'ORDER_IN_FLIGHT', 'orderType'), undefined);

    await order(me.id, 'INITIAL_REJECTED', draftFor(fresh('mine-other')));
    const second = await check(me.id, draft, own);
    assert.ok(
      found(second.result.violations, 'ORDER_IN_FLIGHT', 'orderType'),
      codes(second.result.violations).join('\n'),
    );
  });

  test('R-WEB-007 R-WEB-009: a foreign registrar is DOMAIN_REGISTRAR_FOREIGN; an unverified domain warns DOMAIN_NOT_REAL_NAME; an unknown domain has no facts', async () => {
    const me = await account();
    await server(me.id);
    const foreign = fresh('foreign');
    const unverified = fresh('unverified');
    const unknown = fresh('unknown');
    await registrarDomain(foreign, { registrar: 'Overseas Registrar Inc.', domesticQualified: false });
    await registrarDomain(unverified, { realNameVerifiedOn: null });
    const draft = draftFor(foreign, (d) => {
      d.websites![0]!.domains = [foreign, unverified, unknown];
    });
    const { facts, result } = await check(me.id, draft);
    assert.equal(facts.domains?.[unknown], undefined);
    const v = found(result.violations, 'DOMAIN_REGISTRAR_FOREIGN', 'websites[0].domains[0]');
    assert.ok(v && v.severity === 'block', codes(result.violations).join('\n'));
    const w = found(result.violations, 'DOMAIN_NOT_REAL_NAME', 'websites[0].domains[1]');
    assert.ok(w && w.severity === 'warn' && w.rule === 'R-WEB-009');
    assert.deepEqual(
      result.violations.filter((x) => x.field === 'websites[0].domains[2]').map((x) => x.code),
      [],
    );
  });

  test('R-WEB-010: a domain verified 1 working day ago warns DOMAIN_NOT_REAL_NAME until the bureau sees it', async () => {
    const me = await account();
    await server(me.id);
    const domain = fresh('yesterday');
    // Friday 2026-10-30 is the working day before Monday 2026-11-02; visible from Thursday 2026-11-05
    await registrarDomain(domain, { realNameVerifiedOn: '2026-10-30' });
    const { result } = await check(me.id, draftFor(domain));
    const v = found(result.violations, 'DOMAIN_NOT_REAL_NAME', 'websites[0].domains[0]');
    assert.ok(v && v.rule === 'R-WEB-010', codes(result.violations).join('\n'));
    assert.ok(v.message.en.includes('2026-11-05'));
  });

  test('R-WEB-012 R-WEB-011: a personal filing of a domain registered to someone else or to a company is DOMAIN_OWNER_MISMATCH / DOMAIN_OWNER_TYPE_MISMATCH', async () => {
    const me = await account();
    await server(me.id);
    const someoneElse = fresh('lisi-owned');
    const company = fresh('corp-owned');
    await registrarDomain(someoneElse, { registrantName: '李四' });
    await registrarDomain(company, { registrantType: 'ORGANISATION', registrantName: '示例科技有限公司' });
    const draft = draftFor(someoneElse, (d) => {
      d.websites![0]!.domains = [someoneElse, company];
    });
    const { facts, result } = await check(me.id, draft);
    assert.equal(facts.domains?.[someoneElse]?.registrantName, '李四', 'the registrant name is decrypted');
    const v = found(result.violations, 'DOMAIN_OWNER_MISMATCH', 'websites[0].domains[0]');
    assert.ok(v && v.rule === 'R-WEB-012', codes(result.violations).join('\n'));
    assert.ok(found(result.violations, 'DOMAIN_OWNER_TYPE_MISMATCH', 'websites[0].domains[1]'));
  });

  test('R-WEB-014 R-PRV-009: privacy protection on a domain filed in a province where the owner must match is DOMAIN_PRIVACY_ON', async () => {
    const me = await account();
    await server(me.id);
    const domain = fresh('private');
    await registrarDomain(domain, { privacyProtection: true });
    const inShanghai = await check(
      me.id,
      draftFor(domain, (d) => {
        d.province = '上海';
      }),
    );
    assert.ok(
      found(inShanghai.result.violations, 'DOMAIN_PRIVACY_ON', 'websites[0].domains[0]'),
      codes(inShanghai.result.violations).join('\n'),
    );
    const inGuangdong = await check(me.id, draftFor(domain));
    assert.equal(found(inGuangdong.result.violations, 'DOMAIN_PRIVACY_ON', 'websites[0].domains[0]'), undefined);
  });
});
