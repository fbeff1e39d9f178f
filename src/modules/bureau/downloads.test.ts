import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildUnfiledReport, readDownload } from './mapping.ts';
import { buildUploadData, uploadData } from './miit/payloads/upload.ts';
import { hcjg, hmdlb, IP_203_0_113_10, PROVIDER_ISP_ID, wbawzlb } from './miit/testing/fixtures.ts';
import { lintAgainstXsd } from './miit/testing/xsd-lint.ts';

/** The download part of mapping.ts for the files the sync acts on besides results (issue 6), and the WBACLJG report. */

describe('downloads decoded into what the platform acts on', () => {
  it('HCJG › Jrhc 少报 → ACCESS_UNDER_REPORTED with the domain, the resolved IP and the website number', () => {
    const inbound = readDownload('BJ1', 'sha', hcjg);
    assert.deepEqual(inbound.other, []);
    assert.deepEqual(inbound.accessChecks, [
      {
        kind: 'ACCESS_UNDER_REPORTED',
        bureauId: 88101,
        websiteNumber: '粤ICP备18000001号-1',
        domain: 'shop.example-shop.cn',
        resolvedIp: '203.0.113.10',
        checkedAt: '2026-01-06',
      },
    ]);
  });

  it('HCJG: 多报, subject checks, shell checks and site probes keep their kind', () => {
    const inbound = readDownload('BJ2', 'sha', {
      ICP: {
        HCJG: {
          Jgxx: {
            Zthc: [{ Ztid: 7, Dwmc: '某公司', Zjlx: 1, Zjhm: '91440101MA5CYYYY0Y', Cwyy: '电话空号' }],
            Jrhc: [{ Wzid: 8, Wz_Baxh: '粤ICP备1号-1', Bbisp: PROVIDER_ISP_ID, Hcjg: 1, Hcsj: '2026-01-06', Jrid: 9 }],
            Kkwzhc: [{ Wzid: 10, Wz_Baxh: '粤ICP备1号-2', Hcjg: 1, Hcsj: '2026-01-06' }],
            Wzch: [{ Wzid: 11, Wz_Baxh: '粤ICP备1号-3', Syurl: 'http://example-live.cn', Hcsj: '2026-01-06' }],
          },
        },
      },
    });
    assert.deepEqual(
      inbound.accessChecks?.map((c) => [c.kind, c.bureauId]),
      [
        ['ACCESS_OVER_REPORTED', 8],
        ['SUBJECT_CHECK', 7],
        ['SHELL_DEAD', 10],
        ['SITE_PROBE', 11],
      ],
    );
    assert.equal(inbound.accessChecks?.[1]?.error, '电话空号');
    assert.equal(inbound.accessChecks?.[0]?.reportingProvider, PROVIDER_ISP_ID);
  });

  it('WBAWZLB → unfiled-site entries; HMDLB keeps names, certificate numbers, domains and the remark', () => {
    const w = readDownload('BJ3', 'sha', wbawzlb);
    assert.deepEqual(w.unfiledSites, [
      {
        recordId: 9001,
        domain: 'unfiled-example.cn',
        ip: IP_203_0_113_10,
        operatorId: 1,
        detectedAt: '2026-01-05 10:00:00',
        detections: 3,
      },
    ]);
    const b = readDownload('BJ4', 'sha', hmdlb);
    assert.deepEqual(
      b.blacklist.map((e) => [e.kind, e.operation, e.name, e.certificateNumber ?? e.domains?.join()]),
      [
        ['SUBJECT', 'ADD', '某违法网络公司', '91440101MA5CYYYY0Y'],
        ['WEBSITE', 'ADD', '违法网站', 'illegal-example.cn'],
      ],
    );
  });

  it('WBACLJG: the handling report is a valid upload file (spec 4-1 未备案网站处理结果)', async () => {
    const data = buildUnfiledReport(
      [
        {
          recordId: 9001,
          outcome: 'BLOCKED',
          domain: 'unfiled-example.cn',
          registrableDomain: 'unfiled-example.cn',
          ip: IP_203_0_113_10,
          operatorId: 1,
          providerId: PROVIDER_ISP_ID,
          provinceId: 110000,
          resultCode: 1,
          opinion: '已对该未备案域名在本接入商中国大陆服务器上实施访问阻断',
          listedOn: '2026-01-06',
          handledBy: '2026-01-06',
          reporter: { name: '张三', phone: '13800138000', email: 'ops@example.com' },
        },
      ],
      PROVIDER_ISP_ID,
    );
    const xml = buildUploadData(data);
    const [lint] = await lintAgainstXsd('企业上报数据格式.xsd', [xml]);
    assert.ok(lint?.valid, lint?.errors.join('\n'));
    assert.deepEqual(uploadData.parse(xml, { facets: true }).data, data);
  });
});
