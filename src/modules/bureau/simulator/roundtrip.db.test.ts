import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testBackend, testDatabase, whileMigrating } from '../../../../test/support/db.ts';
import { AdjustableClock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/db/database.ts';
import { readDownload } from '../mapping.ts';
import { type DownloadedFile, MemoryUploadJournal, MiitClient } from '../miit/client.ts';
import { encodeBeianInfo, encodeXmlDocument, newRandVal, passwordHash, plainZipMd5 } from '../miit/envelope.ts';
import { downloadData } from '../miit/payloads/download.ts';
import { QueryConditionType } from '../miit/payloads/returns.ts';
import { type UploadData, uploadData } from '../miit/payloads/upload.ts';
import { buildSoapRequest, endpointPaths, soapRequestHeaders } from '../miit/soap.ts';
import { bgbaRecord, IP_203_0_113_10, xzbaRecord } from '../miit/testing/fixtures.ts';
import { nodeAt, sampleValue } from '../miit/testing/samples.ts';
import { DEMO_PROVIDER, P2_PROVIDER, type RunningSimulator, startBureauSimulator } from './http.ts';

/**
 * Every message type of the interface, through the protocol codec and the simulator: the uploads of 4-1 (the ICP
 * operations with real records, IP and domain filings, the non-reviewed ICP operations), the downloads of 4-2 the
 * bureau produces (BAJG, BASJ, ZXSJ, HMDLB, IP/YM BAJG) and the three query methods.
 */
describe(`MIIT message types round-trip through codec ⇄ simulator (${testBackend})`, () => {
  let database: Database;
  let s: RunningSimulator;
  let ours: MiitClient;
  let p2: MiitClient;
  const clock = new AdjustableClock('2018-11-05T10:00:00+08:00', { frozen: true });
  const files: DownloadedFile[] = [];
  const drain = async (c: MiitClient) => {
    const got: DownloadedFile[] = [];
    await c.drain(async (f) => {
      got.push(f);
      files.push(f);
    });
    return got;
  };
  const client = (p: typeof DEMO_PROVIDER) =>
    new MiitClient({
      baseUrl: s.url,
      credentials: { ispId: p.ispId, userName: p.userName, password: p.password },
      journal: new MemoryUploadJournal(),
      retries: 0,
    });
  const icp = (body: object, isp = DEMO_PROVIDER.ispId) => ({ ICP: { ...body, Qqdwid: isp } }) as UploadData;

  before(async () => {
    database = await testDatabase();
    s = await whileMigrating(() => startBureauSimulator({ port: 0, database, clock, tickMs: 0, token: 't' }));
    ours = client(DEMO_PROVIDER);
    p2 = client(P2_PROVIDER);
  });
  after(async () => {
    await s.close();
    await database.close();
  });

  let subjectNumber = '';
  let ztid = 0;
  let wzid = 0;
  let jrid = 0;

  it('R-BUR-003 R-BUR-004: XZBA → BAJG 1001 + BASJ with 粤ICP备18000001号 and -1; the password goes to the principal', async () => {
    await ours.upload(
      icp({
        XZBA: { Baxx: [{ ...xzbaRecord, Zt_xx: { ...xzbaRecord.Zt_xx, Txdz: { Shengid: 440000, Shiid: 440100 } } }] },
      }),
    );
    assert.equal((await s.sim.controls.decide({ all: true }))[0]!.outcome, 'APPROVED');
    const [f] = await drain(ours);
    const inbound = readDownload(f!.fileName, f!.payloadSha256, f!.data);
    assert.deepEqual(
      inbound.results.map((r) => [r.key, r.approved]),
      [['1:1001', true]],
    );
    const rec = inbound.filed[0]!;
    subjectNumber = rec.subject.filingNumber;
    assert.equal(subjectNumber, '粤ICP备18000001号');
    assert.equal(rec.subject.ispRef, 1001);
    assert.equal(rec.websites[0]!.filingNumber, '粤ICP备18000001号-1');
    assert.deepEqual(
      rec.websites[0]!.domains.map((d) => d.domain),
      ['example-shop.cn', 'www.example-shop.cn'],
    );
    ztid = rec.subject.bureauId;
    wzid = rec.websites[0]!.bureauId;
    jrid = rec.websites[0]!.access[0]!.bureauId;
    const sms = await s.sim.controls.outbox({ kind: 'PASSWORD' });
    assert.deepEqual(sms.map((m) => m.channel).sort(), ['EMAIL', 'SMS']);
  });

  it('R-BUR-003: XZWZ → the next unused suffix -2', async () => {
    await ours.upload(
      icp({
        XZWZ: {
          Xzxx: [
            {
              Zt_xx: { Ztbah: subjectNumber },
              Wz_xx: [
                {
                  IspWzid: 2002,
                  Wzmc: '示例博客',
                  Fwnr: { Fwnr_id: [3] },
                  Yylb: { Yylb_id: [1] },
                  Ym_xx: [{ IspYmid: 3003, Ym: 'example-blog.cn' }],
                  Jr_xx: [
                    {
                      IspJrid: 4002,
                      Wzfb: { Fbdd: [1] },
                      Wzjrfs: { Jrfs: [4] },
                      Ip_xx: [{ IspIpid: 5002, Qsip: IP_203_0_113_10, Zzip: IP_203_0_113_10 }],
                    },
                  ],
                  Wz_Fzr: { Fzr_xm: '张三', Fzr_sjhm: '13800138000', Fzr_dzyj: 'zhangsan@example-shop.cn' },
                },
              ],
            },
          ],
        },
      }),
    );
    await s.sim.controls.decide({ all: true });
    const [f] = await drain(ours);
    const inbound = readDownload(f!.fileName, f!.payloadSha256, f!.data);
    assert.deepEqual(
      inbound.results.map((r) => [r.key, r.approved]),
      [[`2:${subjectNumber}`, true]],
    );
    assert.equal(inbound.filed[0]!.websites[0]!.filingNumber, `${subjectNumber}-2`);
    assert.equal(inbound.filed[0]!.websites[0]!.ispRef, 2002);
  });

  it('R-BUR-008 R-BUR-021: XZJR by P2 needs the filing password; with it P2 gets a second access record', async () => {
    const password = (await s.sim.controls.outbox({ kind: 'PASSWORD' }))[0]!.text.match(/备案密码为(\w+)/)![1]!;
    const xzjr = (pw: string, ref: number) =>
      icp(
        {
          XZJR: {
            Xzxx: [
              {
                Wz_xx: { Wzbah: `${subjectNumber}-1` },
                IspJrid: ref,
                Wzfb: { Fbdd: [1] },
                Wzjrfs: { Jrfs: [4] },
                Ip_xx: [{ IspIpid: 1, Qsip: 3325256714, Zzip: 3325256714 }],
                ICPmm: pw,
              },
            ],
          },
        },
        P2_PROVIDER.ispId,
      );
    const { filingPasswordDigest } = await import('../mapping.ts');
    await p2.upload(xzjr(filingPasswordDigest('wrong-password'), 9001));
    await s.sim.controls.decide({ ispId: P2_PROVIDER.ispId });
    const [rej] = await drain(p2);
    const r = readDownload(rej!.fileName, rej!.payloadSha256, rej!.data).results[0]!;
    assert.equal(r.approved, false);
    assert.deepEqual(
      r.findings.map((x) => [x.code, x.reason, x.xsdPath]),
      [[1018, 'FILING_PASSWORD_WRONG', 'ICPmm']],
    );
    await p2.upload(xzjr(filingPasswordDigest(password), 9002));
    await s.sim.controls.decide({ ispId: P2_PROVIDER.ispId });
    const [ok] = await drain(p2);
    const inbound = readDownload(ok!.fileName, ok!.payloadSha256, ok!.data);
    assert.equal(inbound.results[0]!.approved, true);
    assert.deepEqual(
      inbound.filed[0]!.websites[0]!.access.map((a) => a.providerId).sort(),
      [DEMO_PROVIDER.ispId, P2_PROVIDER.ispId].sort(),
    );
  });

  it('R-CHG-001: BGBA renames the website; the number is unchanged', async () => {
    const record = structuredClone(bgbaRecord);
    record.Zt_xx = { ...record.Zt_xx, Ztid: ztid, Baxh: subjectNumber };
    record.Wz_xx = [
      {
        ...record.Wz_xx[0]!,
        Wzid: wzid,
        Baxh: `${subjectNumber}-1`,
        Jr_xx: [{ ...record.Wz_xx[0]!.Jr_xx[0]!, Jrid: jrid }],
      },
    ];
    await ours.upload(icp({ BGBA: { Bgxx: [record] } }));
    await s.sim.controls.decide({ all: true });
    const [f] = await drain(ours);
    const inbound = readDownload(f!.fileName, f!.payloadSha256, f!.data);
    assert.equal(inbound.results[0]!.approved, true, JSON.stringify(inbound.results));
    const site = inbound.filed[0]!.websites.find((w) => w.bureauId === wzid)!;
    assert.equal(site.name, '示例商城旗舰店');
    assert.equal(site.filingNumber, `${subjectNumber}-1`);
  });

  it('R-CHG-013 R-CHG-016 R-CHG-011: ZXBA cancels access, a website, then the subject (BAJG + ZXSJ)', async () => {
    // cancel access of website -1 here: P2 still serves it, so it stays filed (BASJ with P2's record only)
    await ours.upload(icp({ ZXBA: { Zx_xx: [{ Zxlb: 2, Jlid: jrid, Zxly: 3 }] } }));
    await s.sim.controls.decide({ all: true });
    let [f] = await drain(ours);
    let inbound = readDownload(f!.fileName, f!.payloadSha256, f!.data);
    assert.deepEqual(
      inbound.results.map((r) => [r.key, r.approved]),
      [[`5:${jrid}`, true]],
    );
    assert.deepEqual(
      inbound.filed[0]!.websites[0]!.access.map((a) => a.providerId),
      [P2_PROVIDER.ispId],
    );

    const site2 = (await s.sim.controls.filing({ number: `${subjectNumber}-2` }))!.websites.find((w) =>
      w.filingNumber.endsWith('-2'),
    )!;
    await ours.upload(icp({ ZXBA: { Zx_xx: [{ Zxlb: 1, Jlid: site2.id, Zxly: 2 }] } }));
    await s.sim.controls.decide({ all: true });
    [f] = await drain(ours);
    inbound = readDownload(f!.fileName, f!.payloadSha256, f!.data);
    assert.deepEqual(inbound.cancellations, [{ level: 'WEBSITE', bureauId: site2.id, reason: 'SUBJECT_REQUEST' }]);

    const password = (await s.sim.controls.outbox({ kind: 'PASSWORD' }))[0]!.text.match(/备案密码为(\w+)/)![1]!;
    const { filingPasswordDigest } = await import('../mapping.ts');
    await ours.upload(
      icp({ ZXBA: { Zx_xx: [{ Zxlb: 0, Jlid: ztid, Zxly: 1, ICPmm: filingPasswordDigest(password) }] } }),
    );
    await s.sim.controls.decide({ all: true });
    [f] = await drain(ours);
    inbound = readDownload(f!.fileName, f!.payloadSha256, f!.data);
    assert.equal(inbound.results[0]!.approved, true);
    assert.ok(inbound.cancellations.some((c) => c.level === 'SUBJECT' && c.bureauId === ztid));
    // P2 had access to website -1: it hears of the cancellation too
    const theirs = await drain(p2);
    assert.ok(
      theirs.some((x) =>
        readDownload(x.fileName, x.payloadSha256, x.data).cancellations.some((c) => c.level === 'SUBJECT'),
      ),
    );
  });

  it('R-BUR-001: HSJG, WBACLJG and XZHYD are accepted and kept; IP and domain filings get their 2998 / 3998 results', async () => {
    const root = uploadData.schema;
    for (const op of ['HSJG', 'WBACLJG', 'XZHYD']) {
      const out = await ours.upload(icp({ [op]: sampleValue(nodeAt(root, `ICP.${op}`), { full: false, variant: 0 }) }));
      assert.equal(out.alreadyAccepted, false);
    }
    assert.deepEqual(
      (await s.sim.controls.records('ICP')).map((r) => r.op),
      ['HSJG', 'WBACLJG', 'XZHYD'],
    );
    for (const area of ['IP', 'YM'] as const)
      for (const op of ['XZBA', 'XGBA', 'SCBA']) {
        await ours.upload({
          [area]: {
            [op]: sampleValue(nodeAt(root, `${area}.${op}`), { full: true, variant: 0 }),
            Qqdwid: DEMO_PROVIDER.ispId,
          },
        } as unknown as UploadData);
        const got = await drain(ours);
        assert.equal(got.length, 1, `${area}.${op}`);
        const data = got[0]!.data;
        const codes =
          area === 'IP'
            ? Object.values(data.IP!.BAJG!).flatMap((g) =>
                (g as { Jgxx: { Jgdm: number }[] }[]).flatMap((x) => x.Jgxx.map((j) => j.Jgdm)),
              )
            : data.YM!.BAJG!.Jg_xx.flatMap((x) => x.Jgxx.map((j) => j.Jgdm));
        assert.ok(
          codes.length > 0 && codes.every((c) => c === (area === 'IP' ? 2998 : 3998)),
          `${area}.${op}: ${codes}`,
        );
      }
  });

  it('spec 4-2-1-6: a file that fails the XSD is accepted (msg_code 0) and answered with 5001 naming the file', async () => {
    // built by hand: the client refuses to build an invalid file
    const xml = encodeXmlDocument(
      '<?xml version="1.0" encoding="GBK"?><UploadData version="V.3.0"><ICP><XZBA><Baxx/></XZBA><Qqdwid>1</Qqdwid></ICP></UploadData>',
    );
    const enc = encodeBeianInfo({ name: 'BADFILE001', xml }, plainZipMd5);
    const prev = await ours.queryPreviousUpload();
    const randVal = newRandVal();
    const body = buildSoapRequest({
      method: 'isp_upload',
      params: {
        ispId: DEMO_PROVIDER.ispId,
        userName: DEMO_PROVIDER.userName,
        randVal,
        pwdHash: passwordHash(DEMO_PROVIDER.password, randVal, 0),
        ...enc,
        dataSequence: prev.dataSequence + 1,
      },
    });
    const res = await fetch(`${s.url}${endpointPaths.upDownLoad}`, {
      method: 'POST',
      headers: soapRequestHeaders('isp_upload'),
      body,
    });
    assert.match(await res.text(), /msg_code&gt;0&lt;/);
    const fresh = client(DEMO_PROVIDER);
    const [f] = await drain(fresh);
    const r = readDownload(f!.fileName, f!.payloadSha256, f!.data).results[0]!;
    assert.deepEqual(
      r.findings.map((x) => [x.code, x.text]),
      [[5001, 'BADFILE001']],
    );
  });

  it('R-BUR-018: a serious ILLEGAL_CONTENT cancellation publishes HMDLB to every provider', async () => {
    await ours.upload(
      icp({
        XZBA: {
          Baxx: [
            {
              ...xzbaRecord,
              Zt_xx: { ...xzbaRecord.Zt_xx, IspZtid: 1101, Zj: { ...xzbaRecord.Zt_xx.Zj, Zjhm: '91440101MA5CYYYY0Y' } },
              Wz_xx: [{ ...xzbaRecord.Wz_xx[0]!, Wzmc: '违规示例网', Ym_xx: [{ IspYmid: 1, Ym: 'example-bad.cn' }] }],
            },
          ],
        },
      }),
    );
    await s.sim.controls.decide({ all: true });
    const [f] = await drain(ours);
    const number = readDownload(f!.fileName, f!.payloadSha256, f!.data).filed[0]!.subject.filingNumber;
    await s.sim.controls.cancel({ filingNumber: number, reason: 'ILLEGAL_CONTENT', severity: 'serious' });
    const got = (await drain(ours)).map((x) => readDownload(x.fileName, x.payloadSha256, x.data));
    assert.ok(
      got.some((i) => i.blacklist.some((b) => b.kind === 'SUBJECT' && b.certificateNumber === '91440101MA5CYYYY0Y')),
    );
    assert.ok(got.some((i) => i.blacklist.some((b) => b.kind === 'WEBSITE' && b.name === '违规示例网')));
    assert.ok(got.some((i) => i.cancellations.some((c) => c.level === 'SUBJECT' && c.reason === 'ILLEGAL_CONTENT')));
    assert.ok(
      (await drain(p2)).some((x) => x.data.ICP?.HMDLB),
      'P2 gets the blacklist too',
    );
    // every file the simulator produced re-parses against the download XSD exactly as built
    for (const file of files) assert.deepEqual(downloadData.parse(file.xml).data, file.data);
  });

  it('R-BUR-012: isp_querybeianstatus by domain and by certificate; isp_verifybamm; isp_querypreviousupload', async () => {
    const filed = await ours.queryFilingStatus(QueryConditionType.DOMAIN, 'example-bad.cn');
    assert.equal(filed.filed, false, 'cancelled filings are not filed');
    await ours.upload(
      icp({
        XZBA: {
          Baxx: [
            {
              ...xzbaRecord,
              Zt_xx: {
                ...xzbaRecord.Zt_xx,
                IspZtid: 1201,
                Zj: { Zjlx: 2, Zjhm: '440524188001010014', Zjzs: '广东省' },
              },
              Wz_xx: [
                { ...xzbaRecord.Wz_xx[0]!, Wzmc: '查询示例', Ym_xx: [{ IspYmid: 1, Ym: 'www.example-query.cn' }] },
              ],
            },
          ],
        },
      }),
    );
    await s.sim.controls.decide({ all: true });
    await drain(ours);
    const byDomain = await ours.queryFilingStatus(QueryConditionType.DOMAIN, 'shop.example-query.cn');
    assert.equal(byDomain.filed, true);
    assert.ok(byDomain.filed && byDomain.websiteNumber?.endsWith('-1') && byDomain.websiteName === '查询示例');
    const byCert = await ours.queryFilingStatus(QueryConditionType.RESIDENT_ID_CARD, '440524188001010014');
    assert.ok(byCert.filed && byCert.subjectNumber === byDomain.subjectNumber);
    assert.equal(
      (await ours.queryFilingStatus(QueryConditionType.BUSINESS_LICENCE, '440524188001010014')).filed,
      false,
    );
    const password = (await s.sim.controls.outbox({ kind: 'PASSWORD' })).at(-2)!.text.match(/备案密码为(\w+)/)![1]!;
    assert.equal(await ours.verifyFilingPassword(byDomain.subjectNumber!, password), true);
    assert.equal(
      await ours.verifyFilingPassword(`${byDomain.subjectNumber!}-1`, password),
      true,
      'a website number stands for its subject',
    );
    for (let i = 0; i < 5; i++) assert.equal(await ours.verifyFilingPassword(byDomain.subjectNumber!, 'guess'), false);
    await assert.rejects(
      ours.verifyFilingPassword(byDomain.subjectNumber!, password),
      (e: { msgCode?: number }) => e.msgCode === 22,
    );
    const prev = await ours.queryPreviousUpload();
    assert.ok(prev.file?.data?.ICP?.XZBA);
  });
});
