import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { MiitProtocolError } from '../errors.ts';
import { downloads, PROVIDER_ISP_ID, uploads, xzbaRecord } from '../testing/fixtures.ts';
import { nodeAt, sampleValue, variantsNeeded } from '../testing/samples.ts';
import { lintAgainstXsd } from '../testing/xsd-lint.ts';
import { formattedModule, generatedPath, xsdSources } from './codegen.ts';
import { downloadData } from './download.ts';
import {
  downloadAckReturn,
  downloadReturn,
  queryBeianStatusReturn,
  queryPreviousUploadReturn,
  uploadReturn,
  verifyBammReturn,
} from './returns.ts';
import { buildUploadData, type UploadData, uploadData, uploadOperations } from './upload.ts';
import type { XsdComplex } from './xsd-model.ts';

const UPLOAD_XSD = '企业上报数据格式.xsd';
const DOWNLOAD_XSD = '企业下载数据格式.xsd';

function invalid(fn: () => unknown): MiitProtocolError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof MiitProtocolError, String(e));
    return e;
  }
  assert.fail('expected MIIT_PAYLOAD_INVALID');
}

/** One sample document per operation under each area of a data root, for every choice branch, minimal and full. */
function samplesFor(root: XsdComplex): { label: string; value: Record<string, unknown> }[] {
  const out: { label: string; value: Record<string, unknown> }[] = [];
  for (const area of root.children) {
    if (area.kind !== 'complex') continue;
    const ops =
      area.group === 'choice' || area.group === 'all' ? area.children.filter((c) => c.kind === 'complex') : [];
    for (const op of ops.length ? ops : [area]) {
      const n = variantsNeeded(op);
      for (let variant = 0; variant < n; variant++) {
        for (const full of [false, true]) {
          const opNode = op === area ? area : nodeAt(root, `${area.name}.${op.name}`);
          const areaValue =
            op === area
              ? sampleValue(area, { full, variant })
              : {
                  ...sampleValue(area, {
                    full: false,
                    variant: area.group === 'choice' ? area.children.indexOf(op) : 0,
                  }),
                };
          if (op !== area && area.group !== 'choice') {
            for (const k of Object.keys(areaValue))
              if (area.children.find((c) => c.name === k)?.min === 0) delete areaValue[k];
          }
          if (op !== area) areaValue[op.name] = sampleValue(opNode, { full, variant });
          out.push({
            label: `${area.name}.${op === area ? '*' : op.name} v${variant}${full ? ' full' : ' minimal'}`,
            value: { [area.name]: areaValue },
          });
        }
      }
    }
  }
  return out;
}

describe('R-BUR-001 MIIT payload models (spec section 4, XSDs)', () => {
  it('R-BUR-001: generated models match the XSDs (re-run codegen.ts when this fails)', () => {
    for (const src of xsdSources) {
      assert.equal(
        readFileSync(generatedPath(src), 'utf8'),
        formattedModule(src),
        `generated/${src.module}.ts is stale`,
      );
    }
  });

  it('R-BUR-001: catalogue uploads (XZBA, XZWZ, XZJR, BGBA, ZXBA subject/website/access) build, pass the XSD and parse back', async () => {
    const entries = Object.entries(uploads);
    const xmls = entries.map(([, v]) => buildUploadData(v));
    const lint = await lintAgainstXsd(UPLOAD_XSD, xmls);
    entries.forEach(([label, value], i) => {
      assert.ok(lint[i].valid, `${label}: ${lint[i].errors.join('\n')}`);
      const parsed = uploadData.parse(xmls[i], { facets: true });
      assert.equal(parsed.version, 'V.3.0');
      assert.deepEqual(parsed.data, value, label);
    });
  });

  it('R-BUR-001: catalogue downloads (BAJG approve/reject, WBAWZLB, HCJG, HMDLB) build, pass the XSD and parse back', async () => {
    const entries = Object.entries(downloads);
    const xmls = entries.map(([, v]) => downloadData.build(v));
    const lint = await lintAgainstXsd(DOWNLOAD_XSD, xmls);
    entries.forEach(([label, value], i) => {
      assert.ok(lint[i].valid, `${label}: ${lint[i].errors.join('\n')}`);
      assert.deepEqual(downloadData.parse(xmls[i], { facets: true }).data, value, label);
    });
  });

  for (const [label, codec, xsd] of [
    ['upload', uploadData, UPLOAD_XSD],
    ['download', downloadData, DOWNLOAD_XSD],
  ] as const) {
    it(`R-BUR-001: every ${label} message type and choice branch of the XSD builds valid XML and round-trips`, async () => {
      const samples = samplesFor(codec.schema);
      assert.ok(samples.length > 20, `only ${samples.length} samples`);
      const xmls = samples.map((s) => codec.build(s.value as never));
      const lint = await lintAgainstXsd(xsd, xmls);
      samples.forEach((s, i) => {
        assert.ok(lint[i].valid, `${s.label}: ${lint[i].errors.slice(0, 5).join('\n')}`);
        assert.deepEqual(codec.parse(xmls[i], { facets: true }).data, s.value, s.label);
      });
    });
  }

  it('R-BUR-001: elements are written in XSD order whatever the key order of the object', () => {
    const shuffled = {
      ICP: { Qqdwid: PROVIDER_ISP_ID, ZXBA: { Zx_xx: [{ Zxlybz: '备注', Zxly: 2, Jlid: 7, Zxlb: 1 }] } },
    } as UploadData;
    const xml = uploadData.build(shuffled);
    assert.match(
      xml,
      /<ZXBA><Zx_xx><Zxlb>1<\/Zxlb><Jlid>7<\/Jlid><Zxly>2<\/Zxly><Zxlybz>备注<\/Zxlybz><\/Zx_xx><\/ZXBA><Qqdwid>/,
    );
    assert.match(xml, /^<\?xml version="1.0" encoding="GBK"\?><UploadData version="V.3.0">/);
  });

  it('R-BUR-001: a missing required element is refused with a field-level violation naming its path', () => {
    const { Dwmc: _omit, ...subject } = xzbaRecord.Zt_xx;
    const err = invalid(() =>
      buildUploadData({ ICP: { XZBA: { Baxx: [{ ...xzbaRecord, Zt_xx: subject as never }] }, Qqdwid: 1 } }),
    );
    assert.equal(err.failure, 'MIIT_PAYLOAD_INVALID');
    assert.deepEqual(
      err.violations.map((v) => [v.field, v.code]),
      [['UploadData.ICP.XZBA.Baxx[0].Zt_xx.Dwmc', 'MIIT_XSD_REQUIRED']],
    );
  });

  it('R-BUR-001: facets, types, choices and unknown elements are refused on build', () => {
    const bad = {
      ICP: {
        XZJR: { Xzxx: [{ ...uploads.XZJR.ICP!.XZJR!.Xzxx[0], Wz_xx: { Wzbah: 'x', Wzid: 1 }, ICPmm: 'a'.repeat(33) }] },
        Qqdwid: 1.5,
        Extra: 1,
      },
    } as unknown as UploadData;
    const fields = invalid(() => uploadData.build(bad)).violations.map((v) => `${v.field} ${v.code}`);
    assert.deepEqual(fields.sort(), [
      'UploadData.ICP.Extra MIIT_XSD_UNEXPECTED',
      'UploadData.ICP.Qqdwid MIIT_XSD_TYPE',
      'UploadData.ICP.XZJR.Xzxx[0].ICPmm MIIT_XSD_FACET',
      'UploadData.ICP.XZJR.Xzxx[0].Wz_xx MIIT_XSD_CHOICE',
    ]);
  });

  it('R-BUR-001: parse refuses a sequence out of order and accepts xs:all in any order; xmllint agrees', async () => {
    const good = buildUploadData(uploads.ZXBA_WEBSITE);
    const swappedAll = good.replace(/<ICP>(<ZXBA>.*<\/ZXBA>)(<Qqdwid>\d+<\/Qqdwid>)<\/ICP>/, '<ICP>$2$1</ICP>');
    const swappedSeq = good.replace('<Zxlb>1</Zxlb><Jlid>88101</Jlid>', '<Jlid>88101</Jlid><Zxlb>1</Zxlb>');
    assert.notEqual(swappedAll, good);
    assert.notEqual(swappedSeq, good);
    const [lintAll, lintSeq] = await lintAgainstXsd(UPLOAD_XSD, [swappedAll, swappedSeq]);
    assert.ok(lintAll.valid, lintAll.errors.join('\n'));
    assert.equal(lintSeq.valid, false);
    assert.deepEqual(uploadData.parse(swappedAll).data, uploads.ZXBA_WEBSITE);
    const err = invalid(() => uploadData.parse(swappedSeq));
    assert.ok(
      err.violations.some((v) => v.code === 'MIIT_XSD_ORDER'),
      JSON.stringify(err.violations),
    );
  });

  it('R-BUR-001: parse reports every departure without throwing in lenient mode (bureau side answers 5001 later)', () => {
    const xml =
      '<?xml version="1.0" encoding="GBK"?><UploadData><ICP><ZXBA><Zx_xx><Zxlb>x</Zxlb><Jlid>1</Jlid><Zxly>2</Zxly><Foo/></Zx_xx></ZXBA></ICP></UploadData>';
    const { issues } = uploadData.parseLenient(xml, { facets: true });
    assert.deepEqual(issues.map((i) => `${i.path} ${i.rule}`).sort(), [
      'UploadData.ICP.Qqdwid required',
      'UploadData.ICP.ZXBA.Zx_xx[0].Foo unexpected',
      'UploadData.ICP.ZXBA.Zx_xx[0].Zxlb type',
      'UploadData@version attribute',
    ]);
  });

  it('R-BUR-001: parse refuses DOCTYPE (entity expansion) and malformed XML', () => {
    assert.equal(
      invalid(() => uploadData.parse('<!DOCTYPE x [<!ENTITY a "b">]><UploadData/>')).failure,
      'MIIT_PAYLOAD_INVALID',
    );
    assert.equal(invalid(() => uploadData.parse('<UploadData><ICP>')).failure, 'MIIT_PAYLOAD_INVALID');
    assert.equal(invalid(() => uploadData.parse('<DownloadData version="V.3.0"/>')).failure, 'MIIT_PAYLOAD_INVALID');
  });

  it('R-BUR-001: more than 1000 records in one file is refused (spec 3-3-1-3)', () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ Zxlb: 1, Jlid: i + 1, Zxly: 2 }));
    const err = invalid(() => buildUploadData({ ICP: { ZXBA: { Zx_xx: many }, Qqdwid: 1 } }));
    assert.equal(err.failure, 'MIIT_TOO_MANY_RECORDS');
    assert.equal(uploadData.records({ ICP: { ZXBA: { Zx_xx: many.slice(0, 1000) }, Qqdwid: 1 } }), 1000);
  });

  it('R-BUR-001: uploadOperations names what a file carries', () => {
    assert.deepEqual(uploadOperations(uploads.XZBA), ['ICP.XZBA']);
    assert.deepEqual(uploadOperations({ ICP: { ...uploads.XZBA.ICP!, ...uploads.ZXBA_ACCESS.ICP! } }), [
      'ICP.XZBA',
      'ICP.ZXBA',
    ]);
  });

  it('R-BUR-001: method returns build valid against their XSDs (msg padded to the XSD length 256) and parse back', async () => {
    const fileInfos = {
      hashAlgorithm: 0,
      compressionFormat: 0,
      encryptAlgorithm: 0,
      return_FileName: 'D1',
      beianInfo: 'UEsDBA==',
      beianInfoHash: 'AAAA',
    };
    const cases = [
      [
        '企业上报数据方法调用返回数据格式.xsd',
        uploadReturn,
        { msg_code: 14, msg: '本次上载没有受理', dataSequences: { dataSequence: ['501'] } },
      ],
      ['企业上报数据方法调用返回数据格式.xsd', uploadReturn, { msg_code: 0, msg: '操作成功' }],
      ['企业下载数据方法调用返回数据格式.xsd', downloadReturn, { msg_code: 3, msg: '继续下载', fileInfos }],
      ['企业下载数据方法调用返回数据格式.xsd', downloadReturn, { msg_code: 2, msg: '目前服务器端没有可以下载的数据' }],
      ['企业数据下载确认方法调用返回数据格式.xsd', downloadAckReturn, { msg_code: 0, msg: '操作成功' }],
      [
        '企业最近上载数据查询方法调用返回数据格式.xsd',
        queryPreviousUploadReturn,
        { msg_code: 0, msg: '操作成功', fileInfos: { ...fileInfos, dataSequence: 7 } },
      ],
      [
        '是否备案查询方法调用返回数据格式.xsd',
        queryBeianStatusReturn,
        {
          msg_code: 0,
          msg: '操作成功',
          StatusInfo: {
            Cxtjlx: 0,
            Cxtj: 'example-shop.cn',
            Wzmc: '示例商城',
            Ztbah: '粤ICP备18000001号',
            Wzbah: '粤ICP备18000001号-1',
            Bazt: '0',
          },
        },
      ],
      [
        '是否备案查询方法调用返回数据格式.xsd',
        queryBeianStatusReturn,
        { msg_code: 0, msg: '操作成功', StatusInfo: { Cxtjlx: 2, Cxtj: '110101199003077777', Bazt: '1' } },
      ],
      ['verifybamm-return.project.xsd', verifyBammReturn, { msg_code: 0, msg: '操作成功', VerifyRes: 1 }],
      [
        'verifybamm-return.project.xsd',
        verifyBammReturn,
        { msg_code: 22, msg: '备案密码校验超过X次，请仔细核对备案密码' },
      ],
    ] as const;
    for (const [xsd, codec, value] of cases) {
      const xml = (codec as typeof uploadReturn).build(value as never);
      const [lint] = await lintAgainstXsd(xsd, [xml], { gbkBytes: false });
      assert.ok(lint.valid, `${xsd}: ${lint.errors.join('\n')}`);
      assert.deepEqual((codec as typeof uploadReturn).parse(xml).data, value);
    }
    // A bureau answer with an unpadded msg (as the spec's own examples show) still parses.
    assert.deepEqual(
      uploadReturn.parse('<return version="V.3.0"><msg_code>0</msg_code><msg>操作成功</msg></return>').data,
      {
        msg_code: 0,
        msg: '操作成功',
      },
    );
  });
});
