import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FilingDraft, Material, Province } from '../draft.ts';
import { applyOverrides, provinceTable } from '../provinces/table.ts';
import { codes, ctxFor, draftFor, run, withMaterials, 张三, 李四, 王五 } from '../provinces/test-support.ts';
import { PROVINCE_NAMES } from '../provinces/types.ts';
import {
  acceptsFor,
  checkUpload,
  IMAGE_SIZE_LIMIT_BYTES,
  MAX_IMAGE_BYTES,
  SUPPLEMENTARY_SLOTS_PER_WEBSITE,
  sniffImageFormat,
} from './acceptance.ts';
import { DEFAULT_CURTAIN_CUTOVER, photoChecklist, seasonOf } from './photo-checklist.ts';
import {
  certificateBothSides,
  curtainPhotoSeason,
  handheldLicenceCopy,
  materialRules,
  missingMaterials,
  ocrMismatch,
  personalFingerprint,
  registrarRemark,
  sheetPerWebsite,
  sheetSeal,
  standardMaterialsPresent,
  uploadAcceptance,
} from './rules.ts';

const sheet = (over: Partial<Material> = {}): Material => ({
  kind: 'VERIFICATION_SHEET',
  websiteIndex: 0,
  fileName: 'sheet.png',
  sizeBytes: 800_000,
  signed: true,
  ...over,
});
const replaceSheet = (d: FilingDraft, s: Material): FilingDraft => ({
  ...d,
  materials: [...(d.materials ?? []).filter((m) => m.kind !== 'VERIFICATION_SHEET'), s],
});

describe('R-MAT-001 / R-MAT-020 upload acceptance', () => {
  test('FAQ-148 R-MAT-001: 2,097,151-byte PNG accepted; 2,097,152 bytes too large; BMP refused; id.JPG accepted', () => {
    assert.deepEqual(
      checkUpload({
        kind: 'SUBJECT_PRINCIPAL_ID_FRONT',
        fileName: 'id.png',
        mimeType: 'image/png',
        sizeBytes: 2_097_151,
      }),
      [],
    );
    assert.deepEqual(
      codes(
        checkUpload({
          kind: 'SUBJECT_PRINCIPAL_ID_FRONT',
          fileName: 'id.png',
          mimeType: 'image/png',
          sizeBytes: 2_097_152,
        }),
      ),
      ['IMAGE_TOO_LARGE'],
    );
    assert.deepEqual(
      codes(
        checkUpload({
          kind: 'SUBJECT_PRINCIPAL_ID_FRONT',
          fileName: 'id.bmp',
          mimeType: 'image/bmp',
          sizeBytes: 100 * 1024,
        }),
      ),
      ['IMAGE_FORMAT'],
    );
    assert.deepEqual(
      checkUpload({
        kind: 'SUBJECT_PRINCIPAL_ID_FRONT',
        fileName: 'id.JPG',
        mimeType: 'image/jpeg',
        sizeBytes: 500 * 1024,
      }),
      [],
    );
  });

  test('R-MAT-001: the limit is strictly under 2 MB (2,097,152 bytes); maxBytes is the inclusive 2,097,151', () => {
    assert.equal(IMAGE_SIZE_LIMIT_BYTES, 2 * 1024 * 1024);
    assert.equal(MAX_IMAGE_BYTES, 2_097_151);
    assert.deepEqual(acceptsFor('VERIFICATION_SHEET'), { formats: ['jpg', 'jpeg', 'png'], maxBytes: 2_097_151 });
  });

  test('R-MAT-020: gif is accepted for curtain photos only, with the same size limit', () => {
    assert.deepEqual(
      checkUpload({ kind: 'CURTAIN_PHOTO', fileName: 'me.gif', mimeType: 'image/gif', sizeBytes: 1_000_000 }),
      [],
    );
    const doc = checkUpload({
      kind: 'HANDHELD_PHOTO',
      fileName: 'me.gif',
      mimeType: 'image/gif',
      sizeBytes: 1_000_000,
    });
    assert.deepEqual(codes(doc), ['IMAGE_FORMAT']);
    assert.equal(doc[0].rule, 'R-MAT-001');
    const big = checkUpload({ kind: 'CURTAIN_PHOTO', fileName: 'me.gif', sizeBytes: 2_097_152 });
    assert.deepEqual(
      big.map((v) => [v.rule, v.code]),
      [['R-MAT-020', 'IMAGE_TOO_LARGE']],
    );
  });

  test('R-MAT-001: the content type must match the extension; a missing extension is a format error', () => {
    assert.deepEqual(codes(checkUpload({ kind: 'SUBJECT_CERT_FRONT', fileName: 'cert.png', mimeType: 'image/jpeg' })), [
      'IMAGE_FORMAT',
    ]);
    assert.deepEqual(codes(checkUpload({ kind: 'SUBJECT_CERT_FRONT', fileName: 'cert', mimeType: 'image/jpeg' })), [
      'IMAGE_FORMAT',
    ]);
    assert.deepEqual(codes(checkUpload({ kind: 'SUBJECT_CERT_FRONT', fileName: 'cert.pdf' })), ['IMAGE_FORMAT']);
    assert.deepEqual(
      checkUpload({ kind: 'SUBJECT_CERT_FRONT', fileName: 'cert.jpeg', mimeType: 'image/jpeg; charset=binary' }),
      [],
    );
  });

  test('R-MAT-001: sniffImageFormat recognises JPEG, PNG and GIF signatures and nothing else', () => {
    assert.equal(sniffImageFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])), 'jpeg');
    assert.equal(sniffImageFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])), 'png');
    assert.equal(sniffImageFormat(new TextEncoder().encode('GIF89a....')), 'gif');
    assert.equal(sniffImageFormat(new TextEncoder().encode('BM......')), undefined);
  });

  test('R-MAT-001: the rule reports each failing material of the draft by its index', () => {
    const d = draftFor({
      materials: [
        { kind: 'SUBJECT_CERT_FRONT', fileName: 'a.jpg', sizeBytes: 10 },
        { kind: 'SUBJECT_CERT_BACK', fileName: 'b.tiff', sizeBytes: 3_000_000 },
      ],
    });
    assert.deepEqual(
      run([uploadAcceptance], d).map((v) => `${v.field}:${v.code}`),
      ['materials[1]:IMAGE_FORMAT', 'materials[1]:IMAGE_TOO_LARGE'],
    );
  });

  test('FAQ-138 R-MAT-002: a domain certificate PNG goes into a supplementary slot; each website has at least 3', () => {
    assert.ok(SUPPLEMENTARY_SLOTS_PER_WEBSITE >= 3);
    const d = withMaterials(draftFor({ subjectType: 'PERSONAL' }), [
      {
        kind: 'DOMAIN_CERTIFICATE',
        websiteIndex: 0,
        fileName: 'domain-cert.png',
        mimeType: 'image/png',
        sizeBytes: 300_000,
      },
    ]);
    assert.deepEqual(run(materialRules, d), []);
  });
});

describe('R-MAT-002 / R-MAT-003 presence of the standard images', () => {
  test('R-MAT-002: a complete organisation FIRST order has nothing missing', () => {
    assert.deepEqual(run(materialRules, withMaterials(draftFor())), []);
    assert.deepEqual(missingMaterials(withMaterials(draftFor()), ctxFor()), []);
  });

  test('R-MAT-002: each missing standard image is named with the website it belongs to', () => {
    const d = withMaterials(draftFor());
    d.materials = d.materials!.filter((m) => m.kind !== 'HANDHELD_PHOTO' && m.kind !== 'SUBJECT_CERT_FRONT');
    const v = run([standardMaterialsPresent], d);
    assert.deepEqual(v.map((x) => `${x.code}:${x.field}`).sort(), [
      'MATERIALS_NOT_AS_REQUIRED:materials',
      'MATERIALS_NOT_AS_REQUIRED:websites[0]',
    ]);
  });

  test('FAQ-132 R-MAT-003: a personal ID with only the front fails as CERT_IMAGE_INCOMPLETE, not as a missing upload', () => {
    const d = withMaterials(draftFor({ subjectType: 'PERSONAL' }));
    d.materials = d.materials!.filter((m) => m.kind !== 'SUBJECT_CERT_BACK');
    assert.deepEqual(codes(run(materialRules, d)), ['CERT_IMAGE_INCOMPLETE']);
    assert.equal(run([certificateBothSides], d)[0].rule, 'R-MAT-003');
  });

  test('R-MAT-003: a licence is one-sided; an ID missing both sides is a missing upload for each side', () => {
    const org = withMaterials(draftFor());
    org.materials = org.materials!.filter((m) => m.kind !== 'SUBJECT_CERT_BACK');
    assert.deepEqual(run(materialRules, org), []);
    const personal = withMaterials(draftFor({ subjectType: 'PERSONAL' }));
    personal.materials = personal.materials!.filter((m) => !m.kind.startsWith('SUBJECT_CERT'));
    assert.deepEqual(codes(run(materialRules, personal)), ['MATERIALS_NOT_AS_REQUIRED', 'MATERIALS_NOT_AS_REQUIRED']);
  });

  test('FAQ-158 R-MAT-016: without a curtain photo the photo step is incomplete (PHOTO_MISSING); with one it is not', () => {
    const d = withMaterials(draftFor({ subjectType: 'PERSONAL' }));
    const photo = missingMaterials(d, ctxFor(), 'PHOTO');
    assert.deepEqual(
      photo.map((r) => r.kind),
      ['CURTAIN_PHOTO'],
    );
    const withPhoto = {
      ...d,
      materials: [...d.materials!, { kind: 'CURTAIN_PHOTO' as const, fileName: 'me.jpg', sizeBytes: 900_000 }],
    };
    assert.deepEqual(missingMaterials(withPhoto, ctxFor(), 'PHOTO'), []);
    // The photo is not asked for at submission (R-MAT-017: the entry appears after initial review).
    assert.deepEqual(run(materialRules, d), []);
  });

  test('R-MAT-016: a CHANGE_SUBJECT needs one curtain photo, of the subject principal; CANCEL_* needs none', () => {
    const d = draftFor({ orderType: 'CHANGE_SUBJECT' });
    assert.deepEqual(
      missingMaterials(d, ctxFor(), 'PHOTO').map((r) => [r.kind, r.websiteIndex]),
      [['CURTAIN_PHOTO', undefined]],
    );
    assert.deepEqual(missingMaterials(draftFor({ orderType: 'CANCEL_SUBJECT' }), ctxFor(), 'PHOTO'), []);
    assert.deepEqual(run(materialRules, draftFor({ orderType: 'CANCEL_WEBSITE' })), []);
  });
});

describe('R-MAT-004 CERT_OCR_MISMATCH', () => {
  test('FAQ-142 R-MAT-004: a recognised licence number differing from the entry is a warning only; submission is not blocked', () => {
    const d = withMaterials(draftFor());
    d.materials![0] = { ...d.materials![0], certificateNumber: '91440101MA59XXXXX1' };
    const v = run(materialRules, d);
    assert.deepEqual(codes(v), ['CERT_OCR_MISMATCH']);
    assert.equal(v[0].severity, 'warn');
    assert.match(v[0].fix!.zh, /忽略/);
  });

  test('R-MAT-004 R-SUB-005: the printed number recorded separately is the one OCR is compared with', () => {
    const d = withMaterials(draftFor({ orderType: 'ADD_WEBSITE' }));
    d.subject = {
      ...d.subject!,
      certificateNumber: '440101000000001',
      uploadedCertificateNumber: '91440101MA59UQXX0X',
    };
    d.materials![0] = { ...d.materials![0], certificateNumber: '91440101MA59UQXX0X' };
    assert.deepEqual(run([ocrMismatch], d), []);
  });

  test('R-MAT-004: principal IDs are compared with the principal the slot belongs to', () => {
    const d = withMaterials(draftFor());
    const i = d.materials!.findIndex((m) => m.kind === 'WEBSITE_PRINCIPAL_ID_FRONT');
    d.materials![i] = { ...d.materials![i], certificateNumber: 李四.certificateNumber };
    assert.deepEqual(
      run([ocrMismatch], d).map((v) => v.field),
      [`materials[${i}].certificateNumber`],
    );
    d.materials![i] = { ...d.materials![i], certificateNumber: 王五.certificateNumber };
    assert.deepEqual(run([ocrMismatch], d), []);
  });
});

describe('R-MAT-005 HANDHELD_PHOTO_INVALID', () => {
  const hand = (province: Province, copy: 'DUPLICATE' | 'ORIGINAL') =>
    withMaterials(draftFor({ province }), []).materials!.map((m) =>
      m.kind === 'HANDHELD_PHOTO' ? { ...m, licenceCopy: copy } : m,
    );

  test('FAQ-141 R-MAT-005: the licence duplicate (副本) is accepted in 北京 and 广东', () => {
    for (const p of ['北京', '广东'] as const) {
      assert.deepEqual(
        run([handheldLicenceCopy], { ...draftFor({ province: p }), materials: hand(p, 'DUPLICATE') }),
        [],
        p,
      );
    }
  });

  test('R-PRV-015 R-MAT-005: truth table: the original (正本) is refused in 北京 only', () => {
    for (const p of PROVINCE_NAMES) {
      const v = run([handheldLicenceCopy], { ...draftFor({ province: p }), materials: hand(p, 'ORIGINAL') });
      assert.deepEqual(codes(v), p === '北京' ? ['HANDHELD_PHOTO_INVALID'] : [], p);
    }
  });

  test('R-MAT-005: a personal subject holds an ID card; the licence-copy rule does not concern them', () => {
    const d = withMaterials(draftFor({ province: '北京', subjectType: 'PERSONAL' }));
    d.materials = d.materials!.map((m) =>
      m.kind === 'HANDHELD_PHOTO' ? { ...m, licenceCopy: 'ORIGINAL' as const } : m,
    );
    assert.deepEqual(run([handheldLicenceCopy], d), []);
  });
});

describe('R-MAT-007 VERIFICATION_SHEET_PER_WEBSITE', () => {
  const three = (sheets: Material[]) =>
    withMaterials(
      draftFor({
        orderType: 'ACCESS',
        websites: [0, 1, 2].map((i) => ({ name: `网站${i}`, domains: [`example-${i}.cn`], principal: 李四 })),
      }),
    )
      .materials!.filter((m) => m.kind !== 'VERIFICATION_SHEET')
      .concat(sheets);

  test('FAQ-154 R-MAT-007: one sheet for three ACCESS websites is refused; three sheets, one per website, accepted', () => {
    const d = draftFor({
      orderType: 'ACCESS',
      websites: [0, 1, 2].map((i) => ({ name: `网站${i}`, domains: [`example-${i}.cn`], principal: 李四 })),
    });
    const single = run([sheetPerWebsite], { ...d, materials: three([sheet({ websiteIndex: undefined })]) });
    assert.deepEqual(codes(single), Array(3).fill('VERIFICATION_SHEET_PER_WEBSITE'));
    const one = run([sheetPerWebsite], { ...d, materials: three([sheet({ websiteIndex: 0 })]) });
    assert.deepEqual(
      one.map((v) => v.field),
      ['websites[1]', 'websites[2]'],
    );
    assert.deepEqual(
      run([sheetPerWebsite], { ...d, materials: three([0, 1, 2].map((i) => sheet({ websiteIndex: i }))) }),
      [],
    );
  });

  test('R-MAT-007: in a one-website order a sheet without an index counts; no sheet at all is a missing upload', () => {
    const d = withMaterials(draftFor());
    assert.deepEqual(run([sheetPerWebsite], replaceSheet(d, sheet({ websiteIndex: undefined }))), []);
    const none = { ...d, materials: d.materials!.filter((m) => m.kind !== 'VERIFICATION_SHEET') };
    assert.deepEqual(codes(run([sheetPerWebsite], none)), ['MATERIALS_NOT_AS_REQUIRED']);
  });
});

describe('R-MAT-010 SEAL_INVALID', () => {
  const ib = (province: Province, seal: Material['seal'], remark?: string, hasOfficialSeal?: boolean) => {
    const d = draftFor({
      province,
      subjectType: 'INDIVIDUAL_BUSINESS',
      websites: [{ name: '张记小吃店', domains: ['example-zj.cn'], principal: 张三, remark }],
    });
    d.subject = { ...d.subject!, name: '广州张记小吃店', hasOfficialSeal };
    return replaceSheet(withMaterials(d), sheet({ seal }));
  };

  test('FAQ-145 R-MAT-010: a contract seal (合同章) is refused; the official seal (公章) is accepted', () => {
    const d = withMaterials(draftFor());
    const v = run([sheetSeal], replaceSheet(d, sheet({ seal: 'CONTRACT' })));
    assert.deepEqual(codes(v), ['SEAL_INVALID']);
    assert.match(v[0].message.zh, /合同章/);
    assert.deepEqual(run([sheetSeal], replaceSheet(d, sheet({ seal: 'OFFICIAL' }))), []);
    assert.deepEqual(codes(run([sheetSeal], replaceSheet(d, sheet({ seal: 'NONE' })))), ['SEAL_INVALID']);
  });

  test('FAQ-155 R-MAT-010 R-PRV-025: an individual business without a seal passes with 「个体工商户无公章」, not once 广东 requires a seal', () => {
    assert.deepEqual(run([sheetSeal], ib('广东', 'NONE', '个体工商户无公章', false)), []);
    const t = applyOverrides(
      provinceTable,
      [
        {
          province: '广东',
          key: 'individualBusinessSealRequired',
          value: true,
          effectiveFrom: '2018-11-01',
          source: 'test',
        },
      ],
      '2018-11-05',
    );
    assert.deepEqual(codes(run([sheetSeal], ib('广东', 'NONE', '个体工商户无公章', false), ctxFor({}, t))), [
      'SEAL_INVALID',
    ]);
  });

  test('R-MAT-010: an individual business without the remark, or one that has a seal but did not use it, is refused', () => {
    assert.deepEqual(codes(run([sheetSeal], ib('广东', 'NONE', undefined, false))), ['SEAL_INVALID']);
    assert.deepEqual(codes(run([sheetSeal], ib('广东', 'NONE', '个体工商户无公章', true))), ['SEAL_INVALID']);
    assert.deepEqual(run([sheetSeal], ib('广东', 'OFFICIAL', undefined, true)), []);
  });

  test('R-MAT-010: a personal sheet is signed, never sealed; an unsigned sheet is refused', () => {
    const d = withMaterials(draftFor({ subjectType: 'PERSONAL' }));
    assert.deepEqual(run([sheetSeal], replaceSheet(d, sheet({ seal: 'NONE' }))), []);
    assert.deepEqual(codes(run([sheetSeal], replaceSheet(d, sheet({ seal: 'OFFICIAL' })))), ['SEAL_INVALID']);
    assert.deepEqual(codes(run([sheetSeal], replaceSheet(d, sheet({ seal: 'NONE', signed: false })))), [
      'SEAL_INVALID',
    ]);
  });

  test('R-MAT-010: an unreviewed sheet (seal not recorded) raises nothing yet', () => {
    assert.deepEqual(run([sheetSeal], replaceSheet(withMaterials(draftFor()), sheet({}))), []);
  });
});

describe('R-MAT-011 REGISTRAR_REMARK_MISSING', () => {
  const bj = (province: Province, remarks: string[]) => {
    const d = draftFor({
      province,
      websites: [{ name: '北京示例官网', domains: ['example-bj.cn', 'example-bj.com'], principal: 李四 }],
    });
    return replaceSheet(withMaterials(d), sheet({ seal: 'OFFICIAL', registrarRemarks: remarks }));
  };

  test('R-MAT-011 R-PRV-014: 北京 refuses a sheet whose second domain lacks its registrar; complete remarks pass', () => {
    const v = run([registrarRemark], bj('北京', ['示例注册商有限公司']));
    assert.deepEqual(
      v.map((x) => x.field),
      [`materials[${bj('北京', []).materials!.length - 1}].registrarRemarks[1]`],
    );
    assert.match(v[0].message.zh, /example-bj\.com/);
    assert.deepEqual(run([registrarRemark], bj('北京', ['示例注册商有限公司', '示例注册商有限公司'])), []);
  });

  test('R-MAT-011: truth table: no other province asks for registrar remarks', () => {
    for (const p of PROVINCE_NAMES) assert.equal(run([registrarRemark], bj(p, [])).length, p === '北京' ? 2 : 0, p);
  });
});

describe('R-MAT-013 FINGERPRINT_MISSING', () => {
  const personal = (province: Province, fingerprint: boolean) =>
    replaceSheet(withMaterials(draftFor({ province, subjectType: 'PERSONAL' })), sheet({ seal: 'NONE', fingerprint }));

  test('FAQ-150 R-MAT-013 R-PRV-017: signed sheets without a fingerprint: 江西 refused, 广东 accepted', () => {
    assert.deepEqual(codes(run([personalFingerprint], personal('江西', false))), ['FINGERPRINT_MISSING']);
    assert.deepEqual(run([personalFingerprint], personal('广东', false)), []);
    assert.deepEqual(run([personalFingerprint], personal('江西', true)), []);
  });

  test('R-MAT-013: truth table: only 江西, and only personal subjects', () => {
    for (const p of PROVINCE_NAMES)
      assert.equal(run([personalFingerprint], personal(p, false)).length, p === '江西' ? 1 : 0, p);
    const org = replaceSheet(
      withMaterials(draftFor({ province: '江西' })),
      sheet({ seal: 'OFFICIAL', fingerprint: false }),
    );
    assert.deepEqual(run([personalFingerprint], org), []);
  });
});

describe('R-MAT-015 change letter', () => {
  test('FAQ-216 R-MAT-015: a CHANGE_SUBJECT sheet image merged with the change letter (1.5 MB PNG) is accepted', () => {
    const d = draftFor({ orderType: 'CHANGE_SUBJECT' });
    const merged: Material = {
      kind: 'VERIFICATION_SHEET',
      fileName: 'sheet+letter.png',
      mimeType: 'image/png',
      sizeBytes: 1_500_000,
      seal: 'OFFICIAL',
      signed: true,
    };
    const full = {
      ...d,
      materials: [...withMaterials(d).materials!.filter((m) => m.kind.startsWith('SUBJECT')), merged],
    };
    assert.deepEqual(run(materialRules, full), []);
    assert.deepEqual(missingMaterials(full, ctxFor()), []);
  });
});

describe('R-MAT-024 curtain photo season', () => {
  const photo = (province: Province, takenOn: string) => ({
    ...withMaterials(draftFor({ province })),
    materials: [{ kind: 'CURTAIN_PHOTO' as const, takenOn, fileName: 'c.jpg', sizeBytes: 1_000_000 }],
  });

  test('R-MAT-024: a summer photo reused in December: 广东 warns 「建议重新拍摄」, 北京 and 江西 refuse PHOTO_SEASON', () => {
    const ctx = ctxFor({ today: '2018-12-10' });
    const gd = run([curtainPhotoSeason], photo('广东', '2018-07-01'), ctx);
    assert.deepEqual(
      gd.map((v) => [v.code, v.severity]),
      [['PHOTO_RETAKE_RECOMMENDED', 'warn']],
    );
    assert.match(gd[0].fix!.zh, /建议重新拍摄/);
    for (const p of ['北京', '江西'] as const) {
      assert.deepEqual(
        run([curtainPhotoSeason], photo(p, '2018-07-01'), ctx).map((v) => [v.code, v.severity]),
        [['PHOTO_SEASON', 'block']],
        p,
      );
    }
  });

  test('R-MAT-024: a photo from the same season (Dec–Feb spans the new year) raises nothing', () => {
    assert.deepEqual(run([curtainPhotoSeason], photo('北京', '2018-12-01'), ctxFor({ today: '2019-02-20' })), []);
    assert.deepEqual(run([curtainPhotoSeason], photo('北京', '2018-11-30'), ctxFor({ today: '2018-09-01' })), []);
    assert.equal(run([curtainPhotoSeason], photo('北京', '2018-11-30'), ctxFor({ today: '2018-12-01' })).length, 1);
  });
});

describe('R-MAT-021 photo checklist', () => {
  const item = (p: Province, code: string, today = '2018-12-10') =>
    photoChecklist(p, ctxFor({ today })).items.find((i) => i.code === code)!;

  test('R-MAT-021: seasons are Mar–May, Jun–Aug, Sep–Nov, Dec–Feb', () => {
    assert.deepEqual(
      [
        '2018-03-01',
        '2018-05-31',
        '2018-06-01',
        '2018-08-31',
        '2018-09-01',
        '2018-11-30',
        '2018-12-01',
        '2019-02-28',
      ].map(seasonOf),
      ['SPRING', 'SPRING', 'SUMMER', 'SUMMER', 'AUTUMN', 'AUTUMN', 'WINTER', 'WINTER'],
    );
  });

  test('FAQ-168 R-MAT-021 R-PRV-016 R-PRV-018: the checklist carries each rejection reason of the re-review', () => {
    // (a) 浙江 expects its own curtain text, so a 「…广州分公司」 curtain fails CURTAIN_TEXT_MISMATCH.
    const zj = photoChecklist('浙江', ctxFor());
    assert.equal(zj.curtainText, '腾讯云计算（北京）有限责任公司');
    assert.ok(!item('浙江', 'CURTAIN_TEXT_MISMATCH').requirement.zh.includes('广州分公司'));
    assert.ok(item('广东', 'CURTAIN_TEXT_MISMATCH').requirement.zh.includes('广州分公司'));
    // (b) mirrored, (e) framing, (f) not the principal: hard rejections everywhere.
    for (const code of ['PHOTO_MIRRORED', 'PHOTO_FRAMING', 'PHOTO_NOT_PRINCIPAL', 'PHOTO_EDITED']) {
      assert.equal(item('广东', code).rejects, true, code);
      assert.equal(item('广东', code).checkedBy, 'REVIEWER', code);
    }
    assert.match(item('广东', 'PHOTO_FRAMING').requirement.zh, /胸部以上/);
    // (c) 北京 in December: clothing must suit winter; (d) 广东: advice only.
    assert.equal(item('北京', 'PHOTO_SEASON').rejects, true);
    assert.match(item('北京', 'PHOTO_SEASON').requirement.zh, /冬季/);
    assert.equal(item('广东', 'PHOTO_SEASON').rejects, false);
  });

  test('R-PRV-016: truth table: seasonal clothing rejects in 北京 and 江西 only', () => {
    for (const p of PROVINCE_NAMES) assert.equal(item(p, 'PHOTO_SEASON').rejects, p === '北京' || p === '江西', p);
  });

  test('FAQ-164 R-PRV-018: a 浙江 order’s curtain carries the 浙江 text wherever it is shipped', () => {
    assert.equal(photoChecklist('浙江', ctxFor()).curtainText, provinceTable.浙江.curtainText);
    const t = applyOverrides(
      provinceTable,
      [
        {
          province: '浙江',
          key: 'curtainText',
          value: '示例云（杭州）有限公司',
          effectiveFrom: '2018-01-01',
          source: 'provider config',
        },
      ],
      '2018-11-05',
    );
    assert.equal(photoChecklist('浙江', ctxFor({}, t)).curtainText, '示例云（杭州）有限公司');
  });

  test('FAQ-171 FAQ-199 R-MAT-023: the checklist refuses curtains issued before the cut-over or by another company, offering a free one', () => {
    const i = item('广东', 'CURTAIN_NOT_PROVIDER');
    assert.equal(i.rejects, true);
    assert.ok(i.requirement.zh.includes(DEFAULT_CURTAIN_CUTOVER));
    assert.match(i.requirement.zh, /其他公司的幕布不可用.*免费/);
    const custom = photoChecklist('广东', ctxFor(), { curtainCutover: '2016-01-01', providerName: '示例云' });
    assert.match(custom.items.find((x) => x.code === 'CURTAIN_NOT_PROVIDER')!.requirement.zh, /示例云2016-01-01/);
  });

  test('R-MAT-016: for a CHANGE_SUBJECT the person photographed is the subject principal', () => {
    const c = photoChecklist('广东', ctxFor(), { orderType: 'CHANGE_SUBJECT' });
    assert.match(c.items.find((x) => x.code === 'PHOTO_NOT_PRINCIPAL')!.requirement.zh, /主体负责人/);
  });

  test('R-MAT-020: the format item is enforced by the system and lists gif', () => {
    const f = item('广东', 'IMAGE_FORMAT');
    assert.equal(f.checkedBy, 'SYSTEM');
    assert.match(f.requirement.zh, /\.gif/);
  });
});

describe('materialRules registry', () => {
  test('R-MAT-001: every materials rule has a catalogue id, zh/en titles and no province list', () => {
    for (const r of materialRules) {
      assert.match(r.id, /^R-MAT-\d{3}$/);
      assert.ok(r.title.zh && r.title.en);
      assert.equal(r.scope.provinces, undefined);
    }
  });
});
