import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testBackend } from '../../../test/support/db.ts';
import { render } from '../notifications/index.ts';
import { listFindings } from './downloads.ts';
import { MemoryUploadJournal, MiitClient } from './miit/client.ts';
import type { BureauInbound } from './port.ts';
import { DEMO_PROVIDER, P2_PROVIDER } from './simulator/http.ts';
import {
  accessOf,
  type Customer,
  customerWithServer,
  filed,
  type Harness,
  harness,
  publicQuery,
  residentId,
} from './testing.ts';

/**
 * Issue 6: what the bureau sends besides results is acted on — HMDLB (blacklist), HCJG (access checks), WBAWZLB
 * (unfiled sites), bureau-initiated cancellations (R-NTF-014) — each produced by the simulated bureau, downloaded over
 * the MIIT interface, applied in one transaction with the inbox row, and a replayed file changes nothing.
 */

const person = (name: string, body: string, email?: string) => ({
  name,
  certificateNumber: residentId(body),
  ...(email ? { email } : {}),
});

/** One sync's downloads, kept so a test can replay them (the platform's own poll, then the WBACLJG reports). */
async function syncCapture(h: Harness) {
  await h.t.bureau.sync.upload();
  const files: BureauInbound[] = [];
  await h.t.bureau.port.poll(async (i) => {
    files.push(i);
    await h.t.bureau.sync.applyInbound(i);
  });
  const reported = await h.t.bureau.sync.reportUnfiled();
  return { files, reports: reported.reports };
}

/** Everything a replay must leave alone. */
async function snapshot(h: Harness) {
  const db = h.t.database.db;
  const count = async (table: 'access_domains' | 'outbox' | 'audit_log' | 'subjects' | 'websites') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const raw = h.t.database.db.withTables<{
    bureau_blacklist: { id: string; active: number; updated_at: number };
    bureau_findings: { id: string };
  }>();
  return {
    version: (await db.selectFrom('settings').select('value').where('key', '=', 'access_version').executeTakeFirst())
      ?.value,
    access: await db.selectFrom('access_domains').select(['domain', 'decision', 'reason']).orderBy('domain').execute(),
    outbox: await count('outbox'),
    audit: await count('audit_log'),
    blacklist: await raw.selectFrom('bureau_blacklist').select(['id', 'active', 'updated_at']).orderBy('id').execute(),
    findings: (await raw.selectFrom('bureau_findings').select('id').execute()).length,
  };
}

async function replayChangesNothing(h: Harness, files: BureauInbound[]) {
  assert.ok(files.length > 0, 'a file to replay');
  const before = await snapshot(h);
  for (const f of files) {
    const r = await h.t.bureau.sync.applyInbound(f);
    assert.deepEqual(
      [r.cancellations, r.blacklisted, r.unlisted, r.findings, r.blocked, r.approved, r.rejected],
      [0, 0, 0, 0, 0, 0, 0],
    );
  }
  assert.deepEqual(await snapshot(h), before);
}

async function outboxMails(h: Harness, template: string) {
  const rows = await h.t.database.db
    .selectFrom('outbox')
    .select(['id', 'recipient', 'payload', 'template', 'lang'])
    .where('template', '=', template)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => {
    const payload = h.t.notifications.outbox.decodePayload(r);
    const to = h.t.notifications.outbox.decodeRecipient(r);
    // biome-ignore lint/suspicious/noExplicitAny: the payload was validated against the template's schema at enqueue
    const m = render(template as 'R-NTF-014', 'email', r.lang as 'zh', payload as any, h.t.notifications.env);
    return { to, payload, text: 'text' in m ? m.text : '', subject: 'subject' in m ? m.subject : '' };
  });
}

describe(`bureau downloads acted on (${testBackend})`, () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it('FAQ-249 R-BUR-016 R-NTF-014 R-ACS-010: an INACCURATE_INFO cancellation blocks the domain and mails the account and the principal the reason, the block and the advice', async () => {
    const c = await customerWithServer(h, '203.0.113.40');
    const f = await filed(
      h,
      c,
      'example-shop.cn',
      person('冯八', '44010519970808011', 'feng8@example-mail.cn'),
      '203.0.113.40',
    );
    await h.control('POST', '/sim/control/cancellations', {
      filingNumber: f.websiteNumbers[0],
      reason: 'INACCURATE_INFO',
    });
    const { files } = await syncCapture(h);
    const access = await accessOf(h, 'example-shop.cn');
    assert.deepEqual([access?.decision, access?.reason], ['block', 'FILING_CANCELLED']);
    const site = await h.t.database.db
      .selectFrom('websites')
      .select(['status', 'cancel_reason'])
      .where('id', '=', f.websites[0]!.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(site, { status: 'CANCELLED', cancel_reason: 'INACCURATE_INFO' });
    const mails = await outboxMails(h, 'R-NTF-014');
    assert.deepEqual(mails.map((m) => m.to).sort(), [c.email, 'feng8@example-mail.cn'].sort());
    for (const m of mails) {
      assert.equal(m.subject, `【备案号已注销】${f.websiteNumbers[0]}`);
      assert.match(m.text, /注销原因代码：INACCURATE_INFO，网站信息不真实、不准确或有信息缺失/);
      assert.match(m.text, /以下域名已无法通过.+的服务器访问：example-shop\.cn/);
      assert.match(m.text, /联系备案所在地通信管理局（广东）/);
      assert.match(m.text, /请重新提交备案/);
    }
    await replayChangesNothing(h, files);
    assert.equal((await outboxMails(h, 'R-NTF-014')).length, 2, 'a replayed file mails nobody again');
  });

  it('FAQ-232 FAQ-252 R-BUR-017 R-NTF-014: a shell cancelled by the bureau (SHELL_NO_ACCESS) is blocked and notified with that reason', async () => {
    const c = await customerWithServer(h, '203.0.113.41');
    const f = await filed(h, c, 'example-shell.cn', person('褚九', '44010519970808012'), '203.0.113.41');
    await h.control('POST', '/sim/control/cancellations', {
      filingNumber: f.websiteNumbers[0],
      reason: 'SHELL_NO_ACCESS',
    });
    const r = await h.t.bureau.sync.sync();
    assert.equal(r.cancellations, 1);
    assert.equal((await accessOf(h, 'example-shell.cn'))?.reason, 'FILING_CANCELLED');
    const mail = (await outboxMails(h, 'R-NTF-014')).find((m) => m.text.includes('example-shell.cn'));
    assert.ok(mail, 'an R-NTF-014 mail for the shell');
    assert.equal(mail.to, c.email);
    assert.match(mail.text, /SHELL_NO_ACCESS，网站长期无接入，作为空壳网站注销/);
  });

  it('FAQ-248 R-BUR-019 R-NTF-014: a domain-holder cancellation cancels only that website; its old owner is told, the other website stays served', async () => {
    const c = await customerWithServer(h, '203.0.113.42');
    const f = await filed(
      h,
      c,
      ['example-keep2.cn', 'example-used2.cn'],
      person('卫十', '44010519970808013'),
      '203.0.113.42',
    );
    const g = await customerWithServer(h, '203.0.113.43');
    const req = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/bureau/cancellation-requests',
      headers: { cookie: g.cookie },
      payload: { domain: 'example-used2.cn', requesterName: '蒋十一', explanation: '该域名已由本人注册' },
    });
    assert.equal(req.statusCode, 202, req.body);
    await h.control('POST', `/sim/control/requests/${req.json().requestId}/approve`);
    await h.t.bureau.sync.sync();
    assert.equal((await accessOf(h, 'example-used2.cn'))?.reason, 'FILING_CANCELLED');
    assert.equal((await accessOf(h, 'example-keep2.cn'))?.decision, 'allow');
    const mails = (await outboxMails(h, 'R-NTF-014')).filter((m) => m.text.includes('example-used2.cn'));
    assert.equal(mails.length, 2, 'the account and the subject principal');
    assert.ok(mails.some((m) => m.to === c.email));
    assert.equal((mails[0]!.payload as { filingNumber: string }).filingNumber, f.websiteNumbers[1]);
    assert.match(mails[0]!.text, /DOMAIN_HOLDER_CONFLICT/);
    assert.doesNotMatch(mails[0]!.text, /example-keep2\.cn/);
  });

  it('FAQ-250 R-BUR-018 R-BUR-016: HMDLB after a serious ILLEGAL_CONTENT cancellation lists the certificate and the website name; an order naming either is refused BLACKLISTED; a replay changes nothing', async () => {
    const cert = '91440300MA5BAD0017';
    await h.control('POST', '/sim/control/filings', {
      ispId: DEMO_PROVIDER.ispId,
      province: '广东',
      subject: { name: '深圳违规二有限公司', nature: 4, certificateType: 'USCC_LICENCE', certificateNumber: cert },
      principal: { name: '违规', mobile: '13200132001', email: 'bad2@example-bad.cn' },
      websites: [{ name: '示例违规二网', domains: ['example-bad2.cn'] }],
    });
    await h.control('POST', '/sim/control/cancellations', {
      filingNumber: (await publicQuery(h, 'domain=example-bad2.cn')).records[0]!.subjectFilingNumber,
      reason: 'ILLEGAL_CONTENT',
      severity: 'serious',
    });
    const { files } = await syncCapture(h);
    assert.ok(
      files.some((f) => f.blacklist.length > 0),
      'an HMDLB file',
    );
    const check = h.t.bureau.blacklist.check;
    const db = h.t.database.db;
    assert.deepEqual(
      (
        await check(db, { certificateNumber: ` ${cert.toLowerCase()} `, websiteNames: ['别的网站', '示例违规二网'] })
      ).map((v) => [v.code, v.field, v.rule]),
      [
        ['BLACKLISTED', 'subject.certificateNumber', 'R-BUR-018'],
        ['BLACKLISTED', 'websites[1].name', 'R-BUR-018'],
      ],
    );
    assert.deepEqual(await check(db, { certificateNumber: '91440300MA5GOOD001', websiteNames: ['别的网站'] }), []);
    await assert.rejects(
      h.t.bureau.blacklist.assertNotBlacklisted(db, { websiteNames: ['示例违规二网'] }),
      (e: { code?: string; reason?: string }) => e.code === 'RULE_VIOLATION' && e.reason === 'BLACKLISTED',
    );
    // the verify step refuses the listed subject at once, naming the field (not after 20 working days at the bureau)
    const c = await customerWithServer(h, '203.0.113.47');
    const verify = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { cookie: c.cookie },
      payload: {
        subject: { type: 'ORGANISATION', certificateType: 'USCC_LICENCE', certificateNumber: cert, name: '深圳违规二有限公司' },
        province: '广东',
        domains: ['example-new-bad2.cn'],
      },
    });
    assert.equal(verify.statusCode, 422, verify.body);
    assert.deepEqual(
      verify.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [['subject.certificateNumber', 'BLACKLISTED']],
    );
    // staff see the list, the certificate number masked
    const list = await h.t.app.inject({
      method: 'GET',
      url: '/api/v1/bureau/blacklist',
      headers: { cookie: h.reviewer },
    });
    assert.equal(list.statusCode, 200, list.body);
    const entries = list.json().entries as { kind: string; label: string; domains: string[]; active: boolean }[];
    const subject = entries.find((e) => e.kind === 'SUBJECT' && e.label.startsWith('深圳违规二有限公司'));
    assert.ok(subject?.active);
    assert.ok(!subject.label.includes(cert), 'the certificate number is masked');
    assert.deepEqual(entries.find((e) => e.label === '示例违规二网')?.domains, ['example-bad2.cn']);
    await replayChangesNothing(h, files);
  });

  it('R-BUR-016 R-NTF-014 R-ACS-010: ILLEGAL_CONTENT cancels the subject with all its websites; every domain is blocked and one mail names the subject number and all of them', async () => {
    const c = await customerWithServer(h, '203.0.113.44');
    const f = await filed(
      h,
      c,
      ['example-ill1.cn', 'example-ill2.cn'],
      person('秦十二', '44010519970808014'),
      '203.0.113.44',
    );
    await h.control('POST', '/sim/control/cancellations', {
      filingNumber: f.subjectNumber,
      reason: 'ILLEGAL_CONTENT',
      severity: 'normal',
    });
    const r = await h.t.bureau.sync.sync();
    assert.equal(r.cancellations, 1);
    for (const d of ['example-ill1.cn', 'example-ill2.cn'])
      assert.deepEqual(
        [(await accessOf(h, d))?.decision, (await accessOf(h, d))?.reason],
        ['block', 'FILING_CANCELLED'],
      );
    const subject = await h.t.database.db
      .selectFrom('subjects')
      .select(['status', 'cancel_reason'])
      .where('id', '=', f.subject.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(subject, { status: 'CANCELLED', cancel_reason: 'ILLEGAL_CONTENT' });
    const mail = (await outboxMails(h, 'R-NTF-014')).find((m) => m.to === c.email && m.text.includes('example-ill1'));
    assert.ok(mail);
    assert.equal((mail.payload as { filingNumber: string }).filingNumber, f.subjectNumber);
    assert.match(mail.text, /example-ill1\.cn、example-ill2\.cn/);
    assert.match(mail.text, /ILLEGAL_CONTENT，网站含有违法信息/);
  });

  it('R-BUR-018: an HMDLB REMOVE takes the entry off the local list (applied once, replay-safe)', async () => {
    const base = { results: [], filed: [], cancellations: [], other: [] };
    const add: BureauInbound = {
      ...base,
      fileName: 'BJ110000000211N0000900001',
      payloadSha256: 'hmdlb-add-1',
      blacklist: [{ kind: 'WEBSITE', operation: 'ADD', name: '临时黑名单网；另一个名字', domains: ['example-tmp.cn'] }],
    };
    const r1 = await h.t.bureau.sync.applyInbound(add);
    assert.equal(r1.blacklisted, 2, 'a Wzmc with two names lists both');
    const db = h.t.database.db;
    assert.equal((await h.t.bureau.blacklist.check(db, { websiteNames: ['另一个名字'] })).length, 1);
    const remove: BureauInbound = {
      ...base,
      fileName: 'BJ110000000211N0000900002',
      payloadSha256: 'hmdlb-remove-1',
      blacklist: [{ kind: 'WEBSITE', operation: 'REMOVE', name: '临时黑名单网', domains: ['example-tmp.cn'] }],
    };
    assert.equal((await h.t.bureau.sync.applyInbound(remove)).unlisted, 1);
    assert.deepEqual(await h.t.bureau.blacklist.check(db, { websiteNames: ['临时黑名单网'] }), []);
    assert.equal((await h.t.bureau.blacklist.check(db, { websiteNames: ['另一个名字'] })).length, 1);
    assert.equal((await h.t.bureau.sync.applyInbound(add)).blacklisted, 0, 'the ADD file again is a replay');
    assert.deepEqual(await h.t.bureau.blacklist.check(db, { websiteNames: ['临时黑名单网'] }), []);
  });
});

describe(`bureau checks of this provider: unfiled sites and access checks (${testBackend})`, () => {
  let h: Harness;
  let a: Customer;
  let shopNumber: string;
  before(async () => {
    h = await harness();
    a = await customerWithServer(h, '203.0.113.10');
    shopNumber = (await filed(h, a, 'example-shop.cn', person('杨一', '44010519970808021'), '203.0.113.10'))
      .websiteNumbers[0]!;
  });
  after(() => h.close());

  it('R-ACS-006 R-ACS-015: WBAWZLB — listed unfiled sites are blocked NOT_FILED, a site filed here is left served and said so, the handling goes back as WBACLJG; a replay changes nothing', async () => {
    const probe = await h.control<{ unfiledSites: number; accessChecks: number }>('POST', '/sim/control/probe', {
      ispId: DEMO_PROVIDER.ispId,
      sites: [
        { domain: 'www.example-unfiled.cn', ip: '203.0.113.10' },
        { domain: 'example-shop.cn', ip: '203.0.113.10' },
      ],
    });
    assert.deepEqual([probe.unfiledSites, probe.accessChecks], [1, 0], 'the bureau lists only the unfiled site');
    const { files, reports } = await syncCapture(h);
    const access = await accessOf(h, 'example-unfiled.cn');
    assert.deepEqual([access?.decision, access?.reason], ['block', 'NOT_FILED']);
    assert.equal((await accessOf(h, 'example-shop.cn'))?.decision, 'allow');
    await h.t.access.loadFull();
    assert.deepEqual(h.t.access.decide('www.example-unfiled.cn', '203.0.113.10'), {
      status: 403,
      reason: 'NOT_FILED',
      domain: 'example-unfiled.cn',
    });
    // staff see the handling; it was reported to the bureau (WBACLJG) once
    const res = await h.t.app.inject({
      method: 'GET',
      url: '/api/v1/bureau/findings?kind=UNFILED_SITE',
      headers: { cookie: h.reviewer },
    });
    assert.equal(res.statusCode, 200, res.body);
    const [line] = res.json().findings as { domain: string; action: string; reportState: string; detail: never }[];
    assert.deepEqual([line?.domain, line?.action, line?.reportState], ['example-unfiled.cn', 'BLOCKED', 'SENT']);
    assert.equal(reports, 1);
    const uploads = await h.sim.sim.controls.uploads(DEMO_PROVIDER.ispId);
    assert.deepEqual(uploads.at(-1)?.ops, ['ICP.WBACLJG']);
    // a customer cannot read them
    const denied = await h.t.app.inject({
      method: 'GET',
      url: '/api/v1/bureau/findings',
      headers: { cookie: a.cookie },
    });
    assert.equal(denied.statusCode, 403);
    await replayChangesNothing(h, files);
    assert.equal((await h.t.bureau.sync.reportUnfiled()).reports, 0, 'nothing is reported twice');
  });

  it('FAQ-023 R-WEB-008 R-ORD-036 R-ACS-006: a domain P2 filed for its customer is approved at the bureau, and on this provider it is blocked NOT_ACCESSED_HERE, not NOT_FILED', async () => {
    // P2's customer 深圳示例有限公司 files example-buy.cn through P2 (this provider's registrar holds the domain: nothing here stops it)
    const p2 = new MiitClient({
      baseUrl: h.sim.url,
      credentials: { ispId: P2_PROVIDER.ispId, userName: P2_PROVIDER.userName, password: P2_PROVIDER.password },
      journal: new MemoryUploadJournal(),
    });
    await h.control('PUT', '/sim/control/facts/server/198.18.2.20', { expiresOn: '2027-12-31' });
    const { xzbaRecord } = await import('./miit/testing/fixtures.ts');
    const site = xzbaRecord.Wz_xx[0]!;
    await p2.upload({
      ICP: {
        XZBA: {
          Baxx: [
            {
              ...xzbaRecord,
              Zt_xx: {
                ...xzbaRecord.Zt_xx,
                Dwmc: '深圳示例有限公司',
                Zj: { Zjlx: 1, Zjhm: '91440300MA5BUY0023', Zjzs: '深圳市南山区示例路1号' },
              },
              Wz_xx: [
                {
                  ...site,
                  Wzmc: '深圳示例商城',
                  Ym_xx: [{ IspYmid: 1, Ym: 'example-buy.cn' }],
                  Jr_xx: site.Jr_xx.map((j) => ({
                    ...j,
                    Ip_xx: j.Ip_xx.map((ip) => ({ ...ip, Qsip: 3323068948, Zzip: 3323068948 })),
                  })),
                },
              ],
            },
          ],
        },
        Qqdwid: P2_PROVIDER.ispId,
      },
    });
    const [decision] = await h.sim.sim.controls.decide({ ispId: P2_PROVIDER.ispId });
    assert.equal(decision?.outcome, 'APPROVED', JSON.stringify(decision));
    const p2Number = (await publicQuery(h, 'domain=example-buy.cn')).records[0]?.websiteFilingNumber;
    assert.ok(p2Number, 'P2 filing is public');
    // until the bureau says more, the domain is unknown here: NOT_FILED
    await h.t.bureau.sync.sync();
    await h.t.access.loadFull();
    assert.equal(h.t.access.decide('example-buy.cn', '203.0.113.10').reason, 'NOT_FILED');
    // the customer points it to S1; the bureau's check finds it served here without an access record here (HCJG 少报)
    const probe = await h.control<{ accessChecks: number }>('POST', '/sim/control/probe', {
      ispId: DEMO_PROVIDER.ispId,
      sites: [{ domain: 'www.example-buy.cn', ip: '203.0.113.10' }],
    });
    assert.equal(probe.accessChecks, 1);
    const { files } = await syncCapture(h);
    const access = await accessOf(h, 'example-buy.cn');
    assert.deepEqual([access?.decision, access?.reason], ['block', 'NOT_ACCESSED_HERE']);
    await h.t.access.loadFull();
    assert.deepEqual(h.t.access.decide('www.example-buy.cn', '203.0.113.10'), {
      status: 403,
      reason: 'NOT_ACCESSED_HERE',
      domain: 'example-buy.cn',
    });
    const [finding] = await listFindings(h.t.database.db, { kind: 'ACCESS_UNDER_REPORTED' });
    assert.deepEqual(
      [finding?.websiteNumber, finding?.domain, finding?.action, finding?.status],
      [p2Number, 'www.example-buy.cn', 'BLOCKED', 'OPEN'],
    );
    assert.equal((finding?.detail as { reportingProvider?: number } | undefined)?.reportingProvider, P2_PROVIDER.ispId);
    // P2's filing is untouched
    assert.equal((await publicQuery(h, 'domain=example-buy.cn')).records[0]?.websiteFilingNumber, p2Number);
    await replayChangesNothing(h, files);
  });

  it('FAQ-275 R-ACS-014 R-ACS-006 R-ACS-010: never filed, filed only at P2, cancelled by the bureau — three block reasons from bureau data', async () => {
    const c = await customerWithServer(h, '203.0.113.45');
    const f = await filed(h, c, 'example-c275.cn', person('许十三', '44010519970808015'), '203.0.113.45');
    await h.control('POST', '/sim/control/filings', {
      ispId: P2_PROVIDER.ispId,
      province: '浙江',
      subject: {
        name: '杭州示例二七五有限公司',
        nature: 4,
        certificateType: 'USCC_LICENCE',
        certificateNumber: '91330100MA2B275001',
      },
      principal: { name: '许', mobile: '13300133275', email: 'x275@example-b275.cn' },
      websites: [{ name: '示例二七五', domains: ['example-b275.cn'], ip: '198.18.2.75' }],
    });
    await h.control('POST', '/sim/control/cancellations', {
      filingNumber: f.websiteNumbers[0],
      reason: 'INACCURATE_INFO',
    });
    await h.control('POST', '/sim/control/probe', {
      ispId: DEMO_PROVIDER.ispId,
      sites: [{ domain: 'example-b275.cn', ip: '203.0.113.45' }],
    });
    await h.t.bureau.sync.sync();
    await h.t.access.loadFull();
    const reason = (d: string) => h.t.access.decide(d, '203.0.113.45');
    assert.deepEqual(reason('example-a275.cn'), { status: 403, reason: 'NOT_FILED', domain: 'example-a275.cn' });
    assert.deepEqual(reason('example-b275.cn'), {
      status: 403,
      reason: 'NOT_ACCESSED_HERE',
      domain: 'example-b275.cn',
    });
    assert.deepEqual(reason('example-c275.cn'), {
      status: 403,
      reason: 'FILING_CANCELLED',
      domain: 'example-c275.cn',
    });
  });

  it('R-ACS-006: a BASJ record whose website has access only at another provider records its domains NOT_ACCESSED_HERE, never revoking a domain served here', async () => {
    const base = { results: [], cancellations: [], blacklist: [], other: [] };
    const r = await h.t.bureau.sync.applyInbound({
      ...base,
      fileName: 'BJ110000000211N0000900020',
      payloadSha256: 'basj-elsewhere-1',
      filed: [
        {
          subject: {
            bureauId: 88999001,
            filingNumber: '浙ICP备26009001号',
            name: '杭州示例多站有限公司',
            certificateCode: 1,
            certificateNumber: '91330100MA2B900001',
            firstFiledOn: '2026-01-05',
          },
          websites: [
            {
              bureauId: 88999101,
              filingNumber: '浙ICP备26009001号-1',
              name: '多站一',
              domains: [{ bureauId: 1, domain: 'example-multi1.cn' }],
              access: [{ bureauId: 7, providerId: P2_PROVIDER.ispId, ips: ['198.18.9.1'] }],
            },
            {
              bureauId: 88999102,
              filingNumber: '浙ICP备26009001号-2',
              name: '多站二（在本接入商）',
              domains: [{ bureauId: 2, domain: 'example-shop.cn' }],
              access: [{ bureauId: 8, providerId: P2_PROVIDER.ispId, ips: ['198.18.9.1'] }],
            },
          ],
        },
      ],
    });
    assert.equal(r.blocked, 1);
    assert.deepEqual(
      [(await accessOf(h, 'example-multi1.cn'))?.decision, (await accessOf(h, 'example-multi1.cn'))?.reason],
      ['block', 'NOT_ACCESSED_HERE'],
    );
    assert.equal((await accessOf(h, 'example-shop.cn'))?.decision, 'allow', 'keepServed: a served domain stays');
  });

  it('R-ACS-006 R-ACS-017: HCJG never revokes what this provider serves — an over-report is recorded for staff, the filed domain stays served; staff resolve it (audited)', async () => {
    await h.control('POST', '/sim/control/probe', {
      ispId: DEMO_PROVIDER.ispId,
      overReported: [shopNumber],
    });
    const r = await h.t.bureau.sync.sync();
    assert.equal(r.findings, 1);
    assert.equal((await accessOf(h, 'example-shop.cn'))?.decision, 'allow');
    const [finding] = await listFindings(h.t.database.db, { kind: 'ACCESS_OVER_REPORTED' });
    assert.deepEqual([finding?.websiteNumber, finding?.action], [shopNumber, 'RECORDED']);
    // a 少报 naming a website accessed here (the bureau lags behind our data) blocks nothing either
    const base = { results: [], filed: [], cancellations: [], blacklist: [], other: [] };
    const lag = await h.t.bureau.sync.applyInbound({
      ...base,
      fileName: 'BJ110000000211N0000900010',
      payloadSha256: 'hcjg-lag-1',
      accessChecks: [
        { kind: 'ACCESS_UNDER_REPORTED', bureauId: 1, websiteNumber: shopNumber, domain: 'example-shop.cn' },
      ],
    });
    assert.deepEqual([lag.findings, lag.blocked], [1, 0]);
    assert.equal((await accessOf(h, 'example-shop.cn'))?.decision, 'allow');
    const discrepancy = (await listFindings(h.t.database.db, { kind: 'ACCESS_UNDER_REPORTED' })).find(
      (f) => f.websiteNumber === shopNumber,
    );
    assert.equal(discrepancy?.action, 'DISCREPANCY');
    const resolved = await h.t.app.inject({
      method: 'POST',
      url: `/api/v1/bureau/findings/${finding!.id}/resolve`,
      headers: { cookie: h.reviewer },
    });
    assert.equal(resolved.statusCode, 200, resolved.body);
    const again = await h.t.app.inject({
      method: 'POST',
      url: `/api/v1/bureau/findings/${finding!.id}/resolve`,
      headers: { cookie: h.reviewer },
    });
    assert.equal(again.statusCode, 404);
    const open = await listFindings(h.t.database.db, { kind: 'ACCESS_OVER_REPORTED', status: 'OPEN' });
    assert.equal(open.length, 0);
  });
});
