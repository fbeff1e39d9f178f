import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testBackend, testDatabase, whileMigrating } from '../../../../test/support/db.ts';
import { AdjustableClock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/db/database.ts';
import { provinceTable } from '../../rules/provinces/table.ts';
import { PROVINCE_NAMES } from '../../rules/provinces/types.ts';
import { PROVINCE_CODES } from '../codes.ts';
import { readDownload } from '../mapping.ts';
import { MemoryUploadJournal, MiitClient } from '../miit/client.ts';
import type { UploadData } from '../miit/payloads/upload.ts';
import { xzbaRecord } from '../miit/testing/fixtures.ts';
import { DEMO_PROVIDER, type RunningSimulator, startBureauSimulator } from './http.ts';

const TOKEN = 'sim-token';

describe(`the simulated bureau service (${testBackend})`, () => {
  let database: Database;
  let s: RunningSimulator;
  let c: MiitClient;
  const clock = new AdjustableClock('2018-11-05T10:00:00+08:00', { frozen: true });
  let ref = 5000;

  const control = async (method: string, path: string, body?: unknown, token = TOKEN) => {
    const res = await fetch(`${s.url}${path}`, {
      method,
      headers: {
        ...(token ? { 'x-sim-token': token } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  /** A FIRST (XZBA) for a company in `province` with the given certificate number and domains. */
  const xzba = (province: string, cert: string, domains: string[]): UploadData => {
    const shengid = PROVINCE_CODES[province as keyof typeof PROVINCE_CODES];
    ref++;
    return {
      ICP: {
        XZBA: {
          Baxx: [
            {
              ...xzbaRecord,
              Zt_xx: {
                ...xzbaRecord.Zt_xx,
                IspZtid: ref,
                Txdz: { Shengid: shengid, Shiid: shengid + 100 },
                Zj: { ...xzbaRecord.Zt_xx.Zj, Zjhm: cert },
              },
              Wz_xx: domains.map((d, i) => ({
                ...xzbaRecord.Wz_xx[0]!,
                IspWzid: ref * 100 + i + 1,
                Wzmc: `网站${i + 1}`,
                Ym_xx: [{ IspYmid: i + 1, Ym: d }],
              })),
            },
          ],
        },
        Qqdwid: DEMO_PROVIDER.ispId,
      },
    };
  };
  const drain = async () => {
    const out: ReturnType<typeof readDownload>[] = [];
    await c.drain(async (f) => {
      out.push(readDownload(f.fileName, f.payloadSha256, f.data));
    });
    return out;
  };

  before(async () => {
    database = await testDatabase();
    s = await whileMigrating(() => startBureauSimulator({ port: 0, database, clock, tickMs: 0, token: TOKEN }));
    c = new MiitClient({
      baseUrl: s.url,
      credentials: { ispId: DEMO_PROVIDER.ispId, userName: DEMO_PROVIDER.userName, password: DEMO_PROVIDER.password },
      journal: new MemoryUploadJournal(),
    });
  });
  after(async () => {
    await s.close();
    await database.close();
  });

  it('the controls need the token; the portal and the SOAP endpoints do not', async () => {
    assert.equal((await control('GET', '/sim/control/state', undefined, '')).status, 401);
    assert.equal((await control('GET', '/sim/control/state', undefined, 'wrong-token-value')).status, 401);
    assert.equal((await control('GET', '/sim/control/state')).status, 200);
    assert.equal((await control('GET', '/portal/suffixes', undefined, '')).status, 200);
  });

  it("R-PRV-001 R-ORD-022: review takes 20 working days, 30 in 浙江, on the bureau's own clock; the decision falls due by itself", async () => {
    await c.upload(xzba('广东', '91440101MA5C000011', ['example-gd.cn']));
    await c.upload(xzba('浙江', '91330101MA5C000012', ['example-zj.cn']));
    const subs = await s.sim.controls.submissions({ state: 'PENDING' });
    assert.deepEqual(
      subs.map((x) => [x.province, x.decideOn]),
      [
        ['广东', '2018-12-03'],
        ['浙江', '2018-12-17'],
      ],
    );
    await control('POST', '/sim/control/clock/advance', { to: '2018-12-03T09:00:00+08:00' });
    const files = await drain();
    assert.deepEqual(
      files.map((f) => f.results[0]!.approved),
      [true],
      'only 广东 fell due',
    );
    await control('POST', '/sim/control/clock/advance', { workingDays: 10 });
    assert.equal((await drain()).length, 1, '浙江 on its 30th working day');
  });

  it('R-BUR-003: numbers are <abbreviation>ICP备<yy><6 digits>号 per province; websites -1 … -n', async () => {
    const numbers = (await drain()).length;
    assert.equal(numbers, 0);
    for (const p of ['北京', '四川', '甘肃'] as const) {
      const n = PROVINCE_NAMES.indexOf(p);
      await c.upload(
        xzba(p, `911101010MA5C000${String(n).padStart(2, '0')}`, [`example-${n}.cn`, `example-${n}-b.cn`]),
      );
    }
    await s.sim.controls.decide({ all: true });
    const filed = (await drain()).flatMap((f) => f.filed);
    assert.deepEqual(
      filed.map((f) => [
        f.subject.filingNumber.slice(0, 1),
        /^.ICP备18\d{6}号$/.test(f.subject.filingNumber),
        f.websites.map((w) => w.filingNumber.replace(f.subject.filingNumber, '')),
      ]),
      [
        [provinceTable.北京.abbreviation, true, ['-1', '-2']],
        [provinceTable.四川.abbreviation, true, ['-1', '-2']],
        [provinceTable.甘肃.abbreviation, true, ['-1', '-2']],
      ],
    );
    assert.equal(provinceTable.四川.abbreviation, '蜀');
  });

  it('R-BUR-014: a cancelled website number is never reissued; the next website gets the next unused suffix', async () => {
    await c.upload(xzba('广东', '91440101MA5C000099', ['example-a.cn', 'example-b.cn']));
    await s.sim.controls.decide({ all: true });
    const [first] = await drain();
    const number = first!.filed[0]!.subject.filingNumber;
    const r = await control('POST', '/sim/control/cancellations', {
      filingNumber: `${number}-2`,
      reason: 'INACCURATE_INFO',
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    await drain();
    await c.upload({
      ICP: {
        XZWZ: {
          Xzxx: [
            {
              Zt_xx: { Ztbah: number },
              Wz_xx: [
                {
                  ...xzbaRecord.Wz_xx[0]!,
                  IspWzid: 77,
                  Wzmc: '第三个网站',
                  Ym_xx: [{ IspYmid: 1, Ym: 'example-c.cn' }],
                },
              ],
            },
          ],
        },
        Qqdwid: DEMO_PROVIDER.ispId,
      },
    });
    await s.sim.controls.decide({ all: true });
    const [added] = await drain();
    assert.equal(added!.filed[0]!.websites[0]!.filingNumber, `${number}-3`);
  });

  it('R-ORD-008 R-ORD-009: a second application for a subject or a domain in flight is refused at once (1003 / 1005)', async () => {
    await c.upload(xzba('广东', '91440101MA5C000500', ['example-busy.cn']));
    await c.upload(xzba('广东', '91440101MA5C000500', ['example-other.cn']));
    await c.upload(xzba('广东', '91440101MA5C000501', ['www.example-busy.cn']));
    const files = await drain();
    assert.deepEqual(
      files.map((f) => f.results[0]!.findings.map((x) => [x.code, x.reason])),
      [[[1003, 'SUBJECT_CONFLICT']], [[1005, 'DOMAIN_CONFLICT']]],
    );
    await s.sim.controls.decide({ all: true });
    await drain();
  });

  it('R-BUR-006: changing the password needs the current one (FILING_PASSWORD_WRONG); the new one then verifies', async () => {
    await c.upload(xzba('广东', '91440101MA5C000600', ['example-pw.cn']));
    await s.sim.controls.decide({ all: true });
    const number = (await drain())[0]!.filed[0]!.subject.filingNumber;
    const msgs = await s.sim.controls.outbox({ kind: 'PASSWORD' });
    const current = msgs.find((m) => m.text.includes(number))!.text.match(/备案密码为(\w+)/)![1]!;
    const wrong = await control(
      'POST',
      '/portal/password/change',
      { filingNumber: number, oldPassword: 'not-it', newPassword: 'NewPassword1' },
      '',
    );
    assert.deepEqual([wrong.status, wrong.json.code], [422, 'FILING_PASSWORD_WRONG']);
    const ok = await control(
      'POST',
      '/portal/password/change',
      { filingNumber: number, oldPassword: current, newPassword: 'NewPassword1' },
      '',
    );
    assert.equal(ok.status, 200);
    assert.equal(await c.verifyFilingPassword(number, 'NewPassword1'), true);
    assert.equal(await c.verifyFilingPassword(number, current), false);
  });
});
