import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { P2_PROVIDER } from '../../../src/modules/bureau/simulator/http.ts';
import {
  accessCheck,
  bureauSync,
  giveServer,
  imageFiles,
  openPage,
  reviewer,
  type Stack,
  signInPage,
  simControl,
  snap,
  startStack,
  stepWithShots,
} from './browser-harness.ts';
import { buttonName, pickOption } from './ui-helpers.ts';

const DIR = 'access-filing';
const PASSWORD = 'LisiPhoto2018';

/**
 * An access filing (接入备案) end to end: the subject is filed at the simulated bureau through another provider (P2).
 * The verify step asks the bureau and detects the type; the filing password unlocks the bureau record, which the
 * order copies read-only (R-SUB-029); the customer adds the documents; a reviewer passes initial review over the API
 * (the confirmation call reaches the principal's mobile from the record); the bureau approves the access (XZJR) and
 * after the sync the order is complete and the access check serves the domain here.
 */
describe('customer console: an access filing through the bureau, from the verify step to a served domain (browser)', () => {
  let stack: Stack;
  let page: Page;
  let errors: string[];
  let files: Awaited<ReturnType<typeof imageFiles>>;
  let filed: { filingNumber: string; websites: { filingNumber: string }[] };
  let orderId = '';
  const it = stepWithShots(() => page, DIR);

  before(async () => {
    stack = await startStack();
    ({ page, errors } = await openPage(stack));
    files = await imageFiles(join(tmpdir(), `beian-images-acc-${process.pid}`));
    const customer = await stack.signUp('lisi@example.com', 'lisi-password', '李四');
    const me = await customer.call<{ id: string; accountNo: string }>('GET', '/api/v1/auth/me');
    await giveServer(stack, me.body.accountNo, '203.0.113.91');
    // a filing made at another provider: the bureau knows it, this platform's registry does not
    filed = await simControl(stack, 'POST', '/sim/control/filings', {
      ispId: P2_PROVIDER.ispId,
      province: '北京',
      password: PASSWORD,
      subject: {
        name: '李四',
        nature: 5,
        certificateType: 'RESIDENT_ID',
        certificateNumber: '11010519491231002X',
        address: '北京市海淀区中关村大街1号',
      },
      principal: { name: '李四', mobile: '13700137001', email: 'lisi@example.com' },
      websites: [
        { name: '李四的摄影作品', domains: ['lisi-photo.cn', 'www.lisi-photo.cn'], ip: '198.18.0.9' },
        { name: '李四的旅行日记', domains: ['lisi-travel.cn'], ip: '198.18.0.9' },
      ],
    });
    await signInPage(page, stack, 'lisi@example.com', 'lisi-password');
  });
  after(async () => {
    await stack?.close();
  });

  it('R-ORD-004 R-ACS-006: the helper says a domain filed elsewhere needs an access filing, not a new one', async () => {
    await page.getByRole('menuitem', { name: '是否需要备案' }).click();
    await page.getByLabel('域名').fill('www.lisi-photo.cn');
    await page.getByLabel('本接入商的中国大陆服务器').check();
    await page.getByLabel('是，已经或马上要对外访问').check();
    await page.getByLabel('有，在其他接入商备案的').check();
    const answer = page.getByRole('region', { name: '判断结果' });
    await answer.getByText('不需要重新备案，需要办理接入备案').waitFor();
    assert.match((await answer.textContent()) ?? '', /备案针对顶级域名 lisi-photo\.cn/);
    await snap(page, DIR, '01-need-to-file-access');
  });

  it('R-ORD-003 R-ORD-004 R-ORD-034: the verify step detects the access filing and explains it (no DNS change)', async () => {
    await page.getByRole('menuitem', { name: '我要备案' }).click();
    await pickOption(page, '主体性质', '个人');
    await pickOption(page, '证件类型', '居民身份证');
    await page.getByLabel('证件号码').fill('11010519491231002X');
    await page.getByLabel('主体名称（个人填写姓名）').fill('李四');
    await pickOption(page, '备案省份', '北京');
    await page.getByLabel('域名 1').fill('lisi-photo.cn');
    await page.getByRole('button', { name: buttonName('验证') }).click();
    await page.getByText('验证通过：接入备案（无本接入商主体）').waitFor();
    const result = (await page.locator('.ant-result').textContent()) ?? '';
    assert.match(result, /原备案号不变、原接入商无需注销/);
    assert.match(result, /接入备案无需修改域名解析/);
    await snap(page, DIR, '02-verify-access');
  });

  it('R-ORD-032 R-BUR-008: the wizard asks for the filing password, says where it comes from, and refuses a wrong one', async () => {
    await page.getByRole('button', { name: '填写备案信息' }).click();
    const panel = page.locator('.access-record');
    await panel.getByText('请输入主体的备案密码').waitFor();
    assert.match((await panel.textContent()) ?? '', /首次备案通过时，工信部通过短信和邮件把备案密码发送给主体负责人/);
    await panel.getByRole('button', { name: '找回备案密码（发送到主体负责人手机）' }).waitFor();
    await panel.getByLabel('备案密码').fill('wrong-password');
    await panel.getByRole('button', { name: buttonName('验证并复制备案信息') }).click();
    await panel.getByText('备案密码错误').waitFor();
    orderId = /\/console\/orders\/([^/]+)/.exec(page.url())?.[1] ?? '';
    assert.ok(orderId, page.url());
    await snap(page, DIR, '03-password-wrong');
  });

  it('R-SUB-029 R-ORD-032 R-WEB-024: the right password copies the bureau record, shown read-only with the reason', async () => {
    const panel = page.locator('.access-record');
    await panel.getByLabel('备案密码').fill(PASSWORD);
    await panel.getByRole('button', { name: buttonName('验证并复制备案信息') }).click();
    const copied = page.locator('.access-record section');
    await copied.getByText(filed.filingNumber, { exact: true }).waitFor();
    // the number comes first; the principal and websites fill in when the copied record arrives (wait, never race)
    await copied.getByText(/李四 · 137\*\*\*\*7001/).waitFor();
    await copied.getByText(new RegExp(`李四的摄影作品 · ${filed.websites[0]!.filingNumber}`)).waitFor();
    const text = (await copied.textContent()) ?? '';
    assert.match(text, /李四 · 137\*\*\*\*7001/);
    assert.match(text, new RegExp(`李四的摄影作品 · ${filed.websites[0]!.filingNumber}`));
    assert.match(
      (await page.locator('.access-record').textContent()) ?? '',
      /请先到原接入商处变更后再办理接入，或在接入完成后在本接入商办理变更备案（所在省份允许时）/,
    );
    // R-ORD-032b: the subject's filed websites to choose from, the one with the entered domain selected
    const choices = page.locator('.access-websites');
    await choices.getByText(/李四的旅行日记/).waitFor();
    assert.equal(await choices.getByRole('checkbox', { name: /李四的摄影作品/ }).isChecked(), true);
    assert.equal(await choices.getByRole('checkbox', { name: /李四的旅行日记/ }).isChecked(), false);
    // the wizard's subject step shows the copied subject, not editable
    await page.getByText('本订单类型的主体信息来自已备案记录，不能修改').waitFor();
    assert.equal(await page.getByLabel('所属城市').isDisabled(), true);
    await snap(page, DIR, '04-record-copied');
  });

  it('R-ORD-003: the review step lists what still stops the submission, each with a way to its step', async () => {
    await page.getByRole('button', { name: '核对并提交' }).first().click();
    await page.getByText(/还有 \d+ 个问题需要解决后才能提交/).waitFor();
    assert.ok((await page.getByRole('button', { name: /^去.+修改$/ }).count()) > 0);
    await snap(page, DIR, '05-review-blocked');
  });

  it('R-MAT-002 R-ORD-003: with the documents uploaded the access filing is submitted to initial review', async () => {
    await page
      .getByRole('button', { name: /^去.+修改$/ })
      .first()
      .click();
    await page.getByRole('heading', { name: '上传材料', exact: true }).waitFor();
    await page.locator('section[data-slot]').first().waitFor();
    // upload into every slot still missing its document, until none is left
    for (let i = 0; i < 10; i++) {
      const missing = page.locator('section[data-slot]').filter({ hasText: '未上传' });
      if ((await missing.count()) === 0) break;
      const slot = missing.first();
      const selector = `section[data-slot="${await slot.getAttribute('data-slot')}"][data-website="${await slot.getAttribute('data-website')}"]`;
      await slot.locator('input[type=file]').setInputFiles(files.jpeg);
      await page.locator(selector).getByText('已上传').waitFor();
    }
    const signed = page.getByLabel('核验单已由负责人本人手写签字');
    if ((await signed.count()) > 0 && !(await signed.first().isChecked())) await signed.first().check();
    await page.getByText(/已于 \d\d:\d\d 自动保存/).waitFor();
    await snap(page, DIR, '06-materials');
    await page.getByRole('button', { name: '核对并提交' }).first().click();
    await page.getByText('所有信息已通过检查，可以提交。').waitFor();
    await page.getByRole('button', { name: buttonName('提交备案') }).click();
    await page.waitForURL(/\/console\/orders\/[^/]+$/);
    await page.locator('.state-tag').getByText('初审中').first().waitFor();
    await snap(page, DIR, '07-submitted');
  });

  it('R-ORD-018 R-ORD-019 R-ORD-020: initial review reaches the principal from the record; then the curtain photo', async () => {
    // the reviewer's confirmation call goes to the principal's mobile copied from the bureau record
    await (await reviewer(stack)).approveInitial(orderId);
    await page.reload();
    await page.getByRole('heading', { name: '办理幕布拍照' }).waitFor();
    await page.locator('section[data-slot="CURTAIN_PHOTO"] input[type=file]').first().setInputFiles(files.jpeg2);
    await page.locator('section[data-slot="CURTAIN_PHOTO"]').first().getByText('已上传').waitFor();
    await page.getByRole('button', { name: buttonName('提交照片'), disabled: false }).waitFor();
    await snap(page, DIR, '08-photo');
    await page.getByRole('button', { name: buttonName('提交照片') }).click();
    await page.locator('.state-tag').getByText('复审中').first().waitFor();
    await (await reviewer(stack)).approveReReview(orderId);
    await page.reload();
    await page.locator('.state-tag').getByText('管局审核中（已锁定）').first().waitFor();
    await snap(page, DIR, '09-at-bureau');
  });

  it('R-BUR-005: the password lives in memory only; after a restart the order page asks for it again before the upload', async () => {
    // what a restart of the platform does to the memory-only vault
    stack.beian.bureau.vault.forget([filed.filingNumber]);
    const waiting = (await bureauSync(stack)) as { uploaded: number; awaitingPassword: number };
    assert.deepEqual([waiting.uploaded, waiting.awaitingPassword], [0, 1], JSON.stringify(waiting));
    await page.reload();
    const notice = page.locator('.access-password-notice');
    await notice.getByText('提交管局前需要再次输入备案密码').waitFor();
    await snap(page, DIR, '10-password-again');
    await notice.getByLabel('备案密码').fill(PASSWORD);
    await notice.getByRole('button', { name: buttonName('验证备案密码') }).click();
    await notice.waitFor({ state: 'detached' });
  });

  it('R-BUR-005 R-BUR-008 R-BUR-011: the sync uploads the access with the password, the bureau approves, the order completes', async () => {
    const uploaded = (await bureauSync(stack)) as { uploaded: number; awaitingPassword: number };
    assert.equal(uploaded.uploaded, 1, JSON.stringify(uploaded));
    const decided = await simControl<{ decided: { outcome: string }[] }>(stack, 'POST', '/sim/control/decide', {
      all: true,
    });
    assert.deepEqual(
      decided.decided.map((d) => d.outcome),
      ['APPROVED'],
    );
    await bureauSync(stack);
    await page.reload();
    await page.locator('.state-tag').getByText('备案成功').first().waitFor();
    const result = page.locator('#result');
    await result.getByText(filed.filingNumber).first().waitFor();
    assert.match((await result.textContent()) ?? '', new RegExp(filed.websites[0]!.filingNumber));
    // the bureau record lists the host www.lisi-photo.cn too; the filing covers the registrable domain, shown once
    assert.equal(await result.getByText('lisi-photo.cn', { exact: true }).count(), 1);
    await snap(page, DIR, '11-approved');
  });

  it('R-ACS-006 R-BUR-021: the access check now serves the domain here; the website left at P2 stays blocked here', async () => {
    let apex = await accessCheck(stack, 'lisi-photo.cn');
    for (let i = 0; i < 20 && apex.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      apex = await accessCheck(stack, 'lisi-photo.cn');
    }
    assert.equal(apex.status, 200, JSON.stringify(apex));
    assert.equal((await accessCheck(stack, 'www.lisi-photo.cn')).status, 200);
    assert.equal((await accessCheck(stack, 'lisi-travel.cn')).status, 403);
    await page.getByRole('menuitem', { name: '概览' }).click();
    await page.getByText(filed.websites[0]!.filingNumber).first().waitFor();
    await snap(page, DIR, '12-dashboard');
    assert.deepEqual(errors, []);
  });
});
