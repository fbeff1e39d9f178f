import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fieldLabel } from './fields.ts';
import {
  channelsOf,
  isSecretTemplate,
  type PayloadOf,
  psbDueDate,
  RenderError,
  type Rendered,
  render,
  renderStored,
  TEMPLATE_IDS,
  TEMPLATES,
  type TemplateId,
} from './templates.ts';
import { messageIdFor } from './transports.ts';
import { backoffMs } from './worker.ts';

const env = { providerName: '腾讯云', hotline: '4009-100-100', publicUrl: 'https://beian.example.com' };
const T0 = Date.parse('2018-11-05T10:00:00+08:00');

const ORDER = { orderId: 'o-1', orderNo: 'BA20181105000123', orderType: 'FIRST' as const };
const FAQ188_REJECTION: PayloadOf<'R-NTF-001'> = {
  ...ORDER,
  reasons: [
    {
      code: 'WEBSITE_NAME_INVALID',
      field: 'websites[0].name',
      message: '网站名称不符合要求',
      fix: '网站名称请勿使用域名、纯数字或与主体无关的名称',
    },
    {
      code: 'SEAL_INVALID',
      field: 'materials[3]',
      message: '核验单未加盖公章',
      fix: '请在核验单上加盖主体公章后重新上传',
    },
  ],
  deadline: T0 + 45 * 86_400_000,
  websiteNames: ['张三的技术博客'],
  materials: [
    { kind: 'SUBJECT_CERT_FRONT' },
    { kind: 'SUBJECT_CERT_BACK' },
    { kind: 'HANDHELD_PHOTO', websiteIndex: 0 },
    { kind: 'VERIFICATION_SHEET', websiteIndex: 0 },
  ],
};

/** One valid payload per template: a template added without a sample does not compile. */
const SAMPLES: { [K in TemplateId]: PayloadOf<K> } = {
  'R-NTF-001': FAQ188_REJECTION,
  'R-NTF-002': {
    ...FAQ188_REJECTION,
    reasons: [{ code: 'PHOTO_SEASON', field: 'materials', message: '照片着装与季节不符' }],
  },
  'R-NTF-003': {
    ...FAQ188_REJECTION,
    reasons: [
      {
        code: 'WEBSITE_NAME_INVALID',
        field: 'websites[0].name',
        message: '网站名称不规范（管局）',
        fix: '修改网站名称',
      },
    ],
  },
  'R-NTF-004': {
    ...ORDER,
    domains: ['example-zs.cn'],
    photoPoints: [
      {
        name: '天河拍照点',
        kind: 'AGENT',
        province: '广东',
        city: '广州市',
        address: '天河路1号',
        phone: '020-12345678',
      },
    ],
  },
  'R-NTF-005': { decision: 'APPROVED', orderNo: 'BA20181105000123', filingNumber: '粤ICP备18000003号' },
  'R-NTF-006': { subjectFilingNumber: '粤ICP备18000003号', password: 'Kx8#p2Qa' },
  'R-NTF-007': { subjectFilingNumber: '粤ICP备18000003号', password: 'Kx8#p2Qa' },
  'R-NTF-008': { orderNo: 'BA20181105000123', hotline: '4009-100-100', attempt: 1, nextAttemptAfter: T0 },
  'R-NTF-009': { code: '482913', ttlMinutes: 5 },
  'R-NTF-010': {
    orderId: 'o-1',
    orderNo: 'BA20181105000123',
    stage: 'expired',
    expiresOn: '2018-11-10',
    serverName: 'S15',
  },
  'R-NTF-011': { ...ORDER, state: 'PHOTO_PENDING', expiresAt: T0 + 7 * 86_400_000 },
  'R-NTF-012': {
    ...ORDER,
    subjectName: '张三',
    subjectFilingNumber: '粤ICP备18000003号',
    websites: [{ name: '张三的技术博客', domains: ['example-new.cn'], filingNumber: '粤ICP备18000003号-1' }],
    miitUrl: 'http://www.miitbeian.gov.cn',
    psbDueDate: '2018-12-05',
  },
  'R-NTF-013': {
    ...ORDER,
    orderType: 'CANCEL_ACCESS',
    websites: [{ name: null, domains: ['example-p2only.cn'], filingNumber: '粤ICP备18000005号-1' }],
  },
  'R-NTF-014': {
    filingNumber: '粤ICP备18000009号',
    domains: ['example-shop.cn'],
    reasonCode: 'INACCURATE_INFO',
    province: '广东',
  },
  'R-NTF-015': { domain: 'example-exp.cn', filingNumber: '粤ICP备18000004号-1' },
  'R-NTF-016': {
    orderId: 'o-1',
    orderNo: 'BA20181105000123',
    courier: '顺丰速运',
    trackingNumber: 'SF1234567890',
    dispatchedOn: '2018-11-05',
  },
  'R-NTF-017': { orderId: 'o-1', orderNo: 'BA20181105000123', uploadedBy: 'photo_point', at: T0 },
  'R-NTF-018': { role: 'to', subjectName: '广州示例科技有限公司', otherAccount: '1000****0001' },
  'R-NTF-019': {
    stage: 'renewal',
    licenceNumber: '粤网文〔2018〕0001-001号',
    expiresOn: '2021-01-10',
    websiteName: '示例游戏',
    domain: 'example-game.cn',
  },
  'R-NTF-020': { ...ORDER, orderType: 'CANCEL_WEBSITE', state: 'APPROVED', domains: ['example-old.cn'] },
  'R-EXT-001': { orderId: 'o-1', domains: ['example-new.cn'], dueDate: '2018-12-05' },
};

const mail = (r: Rendered) => {
  assert.equal(r.channel, 'email');
  return r as Extract<Rendered, { channel: 'email' }>;
};
const sms = (r: Rendered) => {
  assert.equal(r.channel, 'sms');
  return r as Extract<Rendered, { channel: 'sms' }>;
};

describe('notification templates (R-NTF)', () => {
  test('every template renders in zh-CN and English on each of its channels; the languages differ', () => {
    for (const id of TEMPLATE_IDS) {
      const channels = channelsOf(id);
      assert.ok(channels.length > 0, id);
      for (const channel of channels) {
        const zh = renderStored(id, channel, 'zh', SAMPLES[id], env);
        const en = renderStored(id, channel, 'en', SAMPLES[id], env);
        if (zh.channel === 'email' && en.channel === 'email') {
          assert.ok(zh.subject.length > 4 && en.subject.length > 4, id);
          assert.match(zh.subject + zh.text, /[\u4e00-\u9fff]/, `${id} zh has Chinese`);
          assert.notEqual(zh.text, en.text, `${id} en differs from zh`);
          assert.match(zh.html, /^<!doctype html>/);
        } else if (zh.channel === 'sms' && en.channel === 'sms') {
          assert.ok(!/[\r\n]/.test(zh.text), `${id} SMS is one line`);
          assert.notEqual(zh.text, en.text);
        }
      }
    }
  });

  test('FAQ-188 R-NTF-001 R-REJ-001: the rejection mail lists every reason with its item named in Chinese, the suggestion and the 45-day deadline', () => {
    const m = mail(render('R-NTF-001', 'email', 'zh', FAQ188_REJECTION, env));
    assert.match(m.subject, /初审/);
    assert.match(m.subject, /BA20181105000123/);
    assert.match(m.text, /网站1「张三的技术博客」 › 网站名称/);
    assert.match(m.text, /驳回原因：网站名称不符合要求（WEBSITE_NAME_INVALID）/);
    assert.match(m.text, /修改意见：网站名称请勿使用域名/);
    assert.match(m.text, /网站备案信息真实性核验单（网站1）/);
    assert.match(m.text, /驳回原因：核验单未加盖公章（SEAL_INVALID）/);
    // 45 × 24 h after 2018-11-05 10:00 Beijing
    assert.match(m.text, /2018-12-20 10:00（北京时间）前/);
    assert.match(m.text, /返回修改/);
    assert.match(m.text, /https:\/\/beian\.example\.com\/console\/orders\/o-1/);
    assert.match(m.html, /<ol><li><strong>网站1「张三的技术博客」 › 网站名称<\/strong>/);
    const en = mail(render('R-NTF-001', 'email', 'en', FAQ188_REJECTION, env));
    assert.match(en.text, /Website 1 "张三的技术博客" › Website name/);
    assert.match(en.text, /Verification sheet \(website 1\)/);
  });

  test('FAQ-190 R-NTF-002: the re-review rejection mail gives the photo reason and says only the photo is replaced', () => {
    const m = mail(render('R-NTF-002', 'email', 'zh', SAMPLES['R-NTF-002'], env));
    assert.match(m.subject, /复审/);
    assert.match(m.text, /照片着装与季节不符（PHOTO_SEASON）/);
    assert.match(m.text, /提交照片/);
    assert.match(m.text, /无需重新初审/);
  });

  test('FAQ-191 R-NTF-003 R-REJ-004: the bureau rejection mail relays the bureau reason verbatim with the provider suggestion', () => {
    const m = mail(render('R-NTF-003', 'email', 'zh', SAMPLES['R-NTF-003'], env));
    assert.match(m.subject, /管局/);
    assert.match(m.text, /原文转达/);
    assert.match(m.text, /网站名称不规范（管局）/);
    assert.match(m.text, /修改意见：修改网站名称/);
    assert.match(m.text, /1 个工作日之内/);
  });

  test('FAQ-160 R-NTF-004 R-MAT-018: the curtain-photo notice carries the order number, the three methods, the photo points and the request link', () => {
    const m = mail(render('R-NTF-004', 'email', 'zh', SAMPLES['R-NTF-004'], env));
    assert.match(m.subject, /备案幕布拍照通知/);
    assert.match(m.text, /BA20181105000123/);
    assert.match(m.text, /方法一/);
    assert.match(m.text, /方法二/);
    assert.match(m.text, /方法三/);
    assert.match(m.text, /1 个工作日内将照片提交至腾讯云/);
    assert.match(m.text, /天河拍照点（代理商拍照点） · 广东广州市 天河路1号/);
    assert.match(m.text, /console\/orders\/o-1#curtain/);
  });

  test('FAQ-256 R-EXT-001 R-NTF-012: approval synced on 2018-11-05 → public-security filing due 2018-12-05, with the penalty and the national platform', () => {
    assert.equal(psbDueDate('2018-11-05'), '2018-12-05');
    const m = mail(render('R-NTF-012', 'email', 'zh', SAMPLES['R-NTF-012'], env));
    assert.match(m.subject, /粤ICP备18000003号-1/);
    assert.match(m.text, /2018-12-05 前/);
    assert.match(m.text, /警告或者停机整顿不超过六个月/);
    assert.match(m.text, /https:\/\/beian\.mps\.gov\.cn\//);
  });

  test('R-NTF-012 R-PRE-013: the approval mail gives the filing numbers and a copy-ready snippet linked to the MIIT site; ACCESS says access is permanent', () => {
    const m = mail(render('R-NTF-012', 'email', 'zh', SAMPLES['R-NTF-012'], env));
    assert.match(m.text, /主体备案号：粤ICP备18000003号（张三）/);
    assert.match(m.text, /网站「张三的技术博客」（example-new\.cn）：粤ICP备18000003号-1/);
    assert.match(
      m.text,
      /张三 <a href="http:\/\/www\.miitbeian\.gov\.cn" target="_blank" rel="noopener">粤ICP备18000003号-1<\/a>/,
    );
    // in HTML the snippet is shown as code, not rendered as markup
    assert.match(m.html, /&lt;a href=&quot;http:\/\/www\.miitbeian\.gov\.cn&quot;/);
    const { psbDueDate: _drop, ...accessPayload } = SAMPLES['R-NTF-012'];
    const access = mail(render('R-NTF-012', 'email', 'zh', { ...accessPayload, orderType: 'ACCESS' }, env));
    assert.match(access.text, /正式接入/);
    assert.doesNotMatch(access.text, /公安备案/);
  });

  test('FAQ-232 R-NTF-013: cancel access says the domain is blocked here, the number survives, and access must be filed at the new provider', () => {
    const m = mail(render('R-NTF-013', 'email', 'zh', SAMPLES['R-NTF-013'], env));
    assert.match(m.text, /example-p2only\.cn（粤ICP备18000005号-1）/);
    assert.match(m.text, /工信部备案号仍然存在/);
    assert.match(m.text, /提交备案接入申请/);
    assert.match(m.text, /空壳/);
  });

  test('FAQ-249 R-NTF-014: a bureau cancellation names the reason code, the blocked domain and the advice to ask the province bureau', () => {
    const m = mail(render('R-NTF-014', 'email', 'zh', SAMPLES['R-NTF-014'], env));
    assert.match(m.text, /INACCURATE_INFO/);
    assert.match(m.text, /example-shop\.cn/);
    assert.match(m.text, /联系备案所在地通信管理局（广东）/);
    assert.match(m.text, /重新提交备案/);
  });

  test('FAQ-209 R-NTF-015: an expired filed domain → the customer is advised to cancel the website filing; nothing is cancelled automatically', () => {
    const m = mail(render('R-NTF-015', 'email', 'zh', SAMPLES['R-NTF-015'], env));
    assert.match(m.text, /example-exp\.cn/);
    assert.match(m.text, /及时提交注销备案申请/);
    assert.match(m.text, /不会因域名过期而自动注销/);
  });

  test('FAQ-162 R-NTF-016: the dispatch notice names SF Express and the tracking number, and who changes the address now', () => {
    const m = mail(render('R-NTF-016', 'email', 'zh', SAMPLES['R-NTF-016'], env));
    assert.match(m.subject, /顺丰速运 SF1234567890/);
    assert.match(m.text, /需要您自己联系顺丰速运修改地址/);
  });

  test('FAQ-172 R-NTF-017: the upload notice says photo-point staff uploaded the photo and when', () => {
    const m = mail(render('R-NTF-017', 'email', 'zh', SAMPLES['R-NTF-017'], env));
    assert.match(m.text, /拍照点工作人员已于 2018-11-05 10:00（北京时间）将幕布照片上传至您的订单/);
  });

  test('FAQ-075 R-NTF-018: each side of a filing transfer is told, naming the other account masked', () => {
    const to = mail(render('R-NTF-018', 'email', 'zh', SAMPLES['R-NTF-018'], env));
    const from = mail(
      render('R-NTF-018', 'email', 'zh', { ...SAMPLES['R-NTF-018'], role: 'from', otherAccount: '1000****0002' }, env),
    );
    assert.match(to.text, /已从账号 1000\*\*\*\*0001 转入您的账号/);
    assert.match(from.text, /已转移至账号 1000\*\*\*\*0002/);
  });

  test('R-NTF-019 R-EXT-011: renewal reminder and expiry notice of a 文网文', () => {
    const r = mail(render('R-NTF-019', 'email', 'zh', SAMPLES['R-NTF-019'], env));
    assert.match(r.text, /60 个工作日内办理续延手续/);
    const e = mail(render('R-NTF-019', 'email', 'zh', { ...SAMPLES['R-NTF-019'], stage: 'expired' }, env));
    assert.match(e.text, /过期后就不再有效/);
    assert.match(e.text, /变更网站/);
  });

  test('R-NTF-010: the 7-day warning and the expiry notice say expiry affects the bureau approval', () => {
    const w = mail(render('R-NTF-010', 'email', 'zh', { ...SAMPLES['R-NTF-010'], stage: 'warning' }, env));
    assert.match(w.subject, /2018-11-10 到期/);
    const x = mail(render('R-NTF-010', 'email', 'zh', SAMPLES['R-NTF-010'], env));
    assert.match(x.text, /会影响备案审批/);
    assert.match(x.text, /无效服务器/);
  });

  test('R-NTF-011: the step-expiry warning names the step and the expiry date', () => {
    const m = mail(render('R-NTF-011', 'email', 'zh', SAMPLES['R-NTF-011'], env));
    assert.match(m.subject, /2018-11-12/);
    assert.match(m.text, /在“待拍照（办理拍照）”步骤/);
    assert.match(m.text, /订单将于 2018-11-12 10:00（北京时间）失效/);
    assert.match(m.text, /45 天/);
  });

  test('R-NTF-008 R-NTF-006 R-NTF-009: SMS texts carry only an order number, hotline, filing number, password or code', () => {
    const call = sms(render('R-NTF-008', 'sms', 'zh', SAMPLES['R-NTF-008'], env));
    assert.match(call.text, /BA20181105000123/);
    assert.match(call.text, /再适时拨打一次/);
    assert.match(call.text, /4009-100-100/);
    const pw = sms(render('R-NTF-006', 'sms', 'zh', SAMPLES['R-NTF-006'], env));
    assert.match(pw.text, /Kx8#p2Qa/);
    assert.ok(isSecretTemplate('R-NTF-006') && isSecretTemplate('R-NTF-009') && !isSecretTemplate('R-NTF-008'));
    for (const id of TEMPLATE_IDS)
      if (channelsOf(id).includes('sms')) {
        const text = sms(renderStored(id, 'sms', 'zh', SAMPLES[id], env)).text;
        assert.doesNotMatch(text, /张三|@|\d{17}[\dX]/, `${id} SMS carries no name, email or ID number`);
      }
  });

  test('a payload that fails its schema, an unknown template or a missing channel is a RenderError, never a half-rendered mail', () => {
    assert.throws(() => renderStored('R-NTF-001', 'email', 'zh', { orderNo: 'x' }, env), RenderError);
    assert.throws(() => renderStored('R-NTF-999', 'email', 'zh', {}, env), RenderError);
    assert.throws(() => renderStored('R-NTF-008', 'email', 'zh', SAMPLES['R-NTF-008'], env), RenderError);
    assert.throws(() => renderStored('R-NTF-001', 'sms', 'zh', SAMPLES['R-NTF-001'], env), RenderError);
  });

  test('content from reviewers is escaped in HTML and cannot break the subject line', () => {
    const evil: PayloadOf<'R-NTF-001'> = {
      ...FAQ188_REJECTION,
      orderNo: 'X\r\nBcc: a@b.c',
      reasons: [{ code: 'X', field: 'subject.name', message: '<script>alert(1)</script>' }],
    };
    const m = mail(render('R-NTF-001', 'email', 'zh', evil, env));
    assert.doesNotMatch(m.subject, /[\r\n]/);
    assert.doesNotMatch(m.html, /<script>/);
    assert.match(m.html, /&lt;script&gt;/);
    const badLink = mail(
      render('R-NTF-001', 'email', 'zh', FAQ188_REJECTION, { ...env, publicUrl: 'javascript:alert(1)//' }),
    );
    assert.doesNotMatch(badLink.html, /href="javascript:/);
  });

  test('every template names the catalogue rule it serves', () => {
    for (const id of TEMPLATE_IDS) assert.match(TEMPLATES[id].rule, /^R-(NTF|EXT)-\d{3}$/);
  });
});

describe('field labels', () => {
  test('paths read as the console names them, in both languages', () => {
    assert.equal(fieldLabel('subjectPrincipal.mobile', 'zh'), '主体负责人 › 手机号码');
    assert.equal(fieldLabel('subjectPrincipal.mobile', 'en'), 'Subject principal › Mobile number');
    assert.equal(fieldLabel('subject.communicationAddress.detail', 'zh'), '主体信息 › 通信地址 › 详细地址');
    assert.equal(
      fieldLabel('websites[1].principal.emergencyContact.mobile', 'zh'),
      '网站2 › 网站负责人 › 应急联系人 › 手机号码',
    );
    assert.equal(
      fieldLabel('websites[0].domains[1]', 'zh', { websiteNames: ['博客'] }),
      '网站1「博客」 › 网站域名 › 第2个',
    );
    assert.equal(fieldLabel('websites[0].preApprovals[0].number', 'zh'), '网站1 › 前置审批 › 第1项 › 审批文号');
    assert.equal(fieldLabel('materials[7]', 'zh'), '上传资料第8项');
    assert.equal(fieldLabel('materials', 'zh'), '上传资料');
    // an unknown segment is shown as it is rather than dropped
    assert.equal(fieldLabel('subject.futureField', 'zh'), '主体信息 › futureField');
  });
});

describe('delivery helpers', () => {
  test('backoff doubles from the base and is capped', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((n) => backoffMs(n, 60_000, 600_000)),
      [60_000, 120_000, 240_000, 480_000, 600_000],
    );
  });
  test('the Message-ID is derived from the outbox id and the sender domain', () => {
    assert.equal(messageIdFor('abc', 'Beian <noreply@beian.example>'), '<abc@beian.example>');
    assert.equal(messageIdFor('abc', 'noreply@x.cn'), '<abc@x.cn>');
  });
});
