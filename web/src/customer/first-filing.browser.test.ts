import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import {
  accessCheck,
  bureauSync,
  giveServer,
  imageFiles,
  openPage,
  reviewer,
  type Stack,
  settle,
  simControl,
  snap,
  startStack,
  stepWithShots,
} from './browser-harness.ts';
import { buttonName, fillDate, formItem, pickOption } from './ui-helpers.ts';

const DIR = 'first-filing';

const DOMAIN = 'example-shop.cn';

describe('customer console: a first filing from sign-up to a filing number served by the access check (browser)', () => {
  let stack: Stack;
  let page: Page;
  let errors: string[];
  let files: Awaited<ReturnType<typeof imageFiles>>;
  let orderId = '';
  let subjectNumber = '';
  const it = stepWithShots(() => page, DIR);

  before(async () => {
    stack = await startStack();
    ({ page, errors } = await openPage(stack));
    files = await imageFiles(join(tmpdir(), `beian-images-${process.pid}`));
  });
  after(async () => {
    await stack?.close();
  });

  it('FAQ-004 R-ACS-001 R-ORD-022: the helper says a site going live later needs no filing yet but should start now', async () => {
    await page.goto(`${stack.webUrl}/need-to-file`);
    await page.getByLabel('域名').fill('example-shop.cn');
    await page.getByLabel('本接入商的中国大陆服务器').check();
    await page.getByLabel('以后会上线，现在还在开发').check();
    const answer = page.getByRole('region', { name: '判断结果' });
    await answer.getByText('现在还不是必须，但建议尽早办理').waitFor();
    assert.match((await answer.textContent()) ?? '', /全流程约 22 个工作日/);
    await page
      .getByLabel('以后会上线，现在还在开发')
      .uncheck()
      .catch(() => {});
    await page.getByLabel('是，已经或马上要对外访问').check();
    await answer.getByText('需要备案', { exact: true }).waitFor();
    await snap(page, DIR, '01-need-to-file');
  });

  it('R-ACC-001: a new customer signs up and lands on an empty console', async () => {
    await page.getByRole('link', { name: '注册账号并开始备案' }).click();
    await page.waitForURL('**/sign-up');
    await page.getByLabel('称呼（选填）').fill('张三');
    await page.getByLabel('邮箱').fill('zhangsan@example.com');
    await page.getByLabel('密码', { exact: true }).fill('zhangsan-password');
    await page.getByLabel('确认密码').fill('zhangsan-password');
    await snap(page, DIR, '02-sign-up');
    await page.getByRole('button', { name: buttonName('注册并登录') }).click();
    await page.waitForURL('**/console');
    await page.getByText('还没有备案订单').waitFor();
    await page.getByText('本账号没有服务器').waitFor();
    await snap(page, DIR, '03-dashboard-empty');
  });

  it('R-ACC-006 R-ACC-007..012: the eligible server shows with why the others cannot be used', async () => {
    const me = await page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.json()));
    await giveServer(stack, me.accountNo);
    await page.reload();
    const card = page.locator('.ant-card').filter({ hasText: '广州 CVM' });
    await card.getByText('可用于备案', { exact: true }).waitFor();
    await snap(page, DIR, '04-dashboard-server');
  });

  it('R-ORD-003 R-ORD-004 R-SUB-002: the verify step checks as the customer types, then detects a first filing', async () => {
    await page.getByRole('menuitem', { name: '我要备案' }).click();
    await page.waitForURL('**/console/new');
    await pickOption(page, '主体性质', '个人');
    await pickOption(page, '证件类型', '居民身份证');
    // one digit off: the same rules module the server uses rejects the checksum at the field
    await page.getByLabel('证件号码').fill('440524188001010015');
    await page.getByLabel('主体名称（个人填写姓名）').fill('张三');
    const certItem = formItem(page, '证件号码');
    await certItem.locator('.ant-form-item-explain-error').waitFor();
    assert.match((await certItem.textContent()) ?? '', /身份证/);
    await snap(page, DIR, '05-verify-live-error');
    await page.getByLabel('证件号码').fill('440524188001010014');
    await certItem.locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
    await pickOption(page, '备案省份', '广东');
    await page.getByLabel('域名 1').fill('example-shop.cn');
    await page.getByRole('button', { name: buttonName('验证') }).click();
    await page.getByText('验证通过：首次备案').waitFor();
    assert.match((await page.locator('.ant-result').textContent()) ?? '', /该主体和域名都还没有备案号/);
    await snap(page, DIR, '06-verify-passed');
    await page.getByRole('button', { name: '填写备案信息' }).click();
    await page.waitForURL(/\/console\/orders\/[^/]+\/edit/);
    orderId = page.url().split('/orders/')[1].split('/')[0];
  });

  it('R-SUB-007 R-ORD-003: the subject step names every missing field after the customer tries to move on', async () => {
    await page.getByRole('heading', { name: '主体信息', exact: true }).waitFor();
    await page.getByRole('button', { name: buttonName('下一步') }).click();
    await page.getByRole('button', { name: buttonName('上一步') }).click();
    await page
      .getByText('本步骤还有以下问题需要处理')
      .or(page.locator('.ant-form-item-explain-error'))
      .first()
      .waitFor();
    await snap(page, DIR, '07-subject-errors');
    await page.getByLabel('所属城市').fill('深圳市');
    await page.getByLabel('所属区县').fill('南山区');
    await fillDate(page, '证件有效期开始', '2020-01-01');
    await fillDate(page, '证件有效期结束', '2040-01-01');
    await page.getByLabel('证件住所').fill('广东省深圳市南山区科技园路1号');
    await page.getByLabel('省份', { exact: true }).fill('广东');
    await page.getByLabel('城市', { exact: true }).fill('深圳市');
    await page.getByLabel('区县', { exact: true }).fill('南山区');
    await page.getByLabel('详细地址').fill('科技园路1号');
    await page.keyboard.press('Tab');
    await page.getByText(/已于 \d\d:\d\d 自动保存/).waitFor();
    assert.equal(await page.locator('.ant-form-item-has-error').count(), 0, 'no field of the subject step is in error');
    await snap(page, DIR, '08-subject');
  });

  it('R-SUB-013 R-SUB-017: a wrong mobile number is refused at the field, with the fix', async () => {
    await page.getByRole('button', { name: buttonName('下一步') }).click();
    await page.getByRole('heading', { name: '负责人', exact: true }).waitFor();
    const subjectPrincipal = page.locator('.ant-card').filter({ hasText: '主体负责人' }).first();
    await subjectPrincipal.getByLabel('姓名').fill('张三');
    await pickOption(page, /^证件类型$/, '居民身份证');
    await subjectPrincipal.getByLabel('证件号码').fill('440524188001010014');
    await fillDate(page, '证件有效期结束', '2040-01-01');
    await subjectPrincipal.getByLabel('手机号码', { exact: true }).fill('12345678901');
    const mobile = subjectPrincipal
      .locator('.ant-form-item')
      .filter({ has: page.getByLabel('手机号码', { exact: true }) });
    await mobile.locator('.ant-form-item-explain-error').waitFor();
    await snap(page, DIR, '09-principal-error');
    await subjectPrincipal.getByLabel('手机号码', { exact: true }).fill('13800138000');
    await mobile.locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
    await subjectPrincipal.getByLabel('办公电话').fill('13800138000');
    await subjectPrincipal.getByLabel('电子邮箱').fill('zhangsan@example.com');
    await subjectPrincipal.getByLabel('应急联系人', { exact: true }).fill('李四');
    await subjectPrincipal.getByLabel('应急联系人手机号码').fill('13900139000');
    // the website principal defaults to the subject principal (R-SUB-024)
    assert.equal(
      await page.getByRole('switch', { name: '网站负责人与主体负责人相同' }).getAttribute('aria-checked'),
      'true',
    );
    await page.getByText(/已于 \d\d:\d\d 自动保存/).waitFor();
    await snap(page, DIR, '10-principals');
  });

  it('R-WEB-015 R-WEB-016: a personal website named like a company is refused as the customer types', async () => {
    await page.getByRole('button', { name: buttonName('下一步') }).click();
    await page.getByRole('heading', { name: '网站与域名', exact: true }).waitFor();
    await page.getByLabel('网站名称').fill('张三科技有限公司');
    const name = formItem(page, '网站名称');
    await name.locator('.ant-form-item-explain-error').waitFor();
    await snap(page, DIR, '11-website-name-error');
    await page.getByLabel('网站名称').fill('张三的技术博客');
    await name.locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
    await pickOption(page, '网站服务内容', '其他');
    await pickOption(page, '网站性质', '个人博客');
    await pickOption(page, '网站语言', '简体中文');
    await page.getByText(/已于 \d\d:\d\d 自动保存/).waitFor();
    await snap(page, DIR, '12-websites');
  });

  it('R-MAT-001 R-MAT-002 R-MAT-007: uploads show a preview, and a bad file is refused with its own message', async () => {
    await page.getByRole('button', { name: buttonName('下一步') }).click();
    await page.getByRole('heading', { name: '上传材料', exact: true }).waitFor();
    const slot = (kind: string) => page.locator(`section[data-slot="${kind}"]`);
    // format checked in the browser before sending
    await slot('SUBJECT_CERT_FRONT').locator('input[type=file]').setInputFiles(files.gif);
    await slot('SUBJECT_CERT_FRONT').getByRole('alert').getByText('文件格式不符合要求').waitFor();
    // a truncated JPEG passes the browser and is refused by the platform's full decode
    await slot('SUBJECT_CERT_FRONT').locator('input[type=file]').setInputFiles(files.broken);
    await slot('SUBJECT_CERT_FRONT').getByRole('alert').waitFor();
    const refusal = (await slot('SUBJECT_CERT_FRONT').getByRole('alert').textContent()) ?? '';
    assert.doesNotMatch(refusal, /文件格式不符合要求/);
    await snap(page, DIR, '13-materials-refused');
    for (const kind of ['SUBJECT_CERT_FRONT', 'SUBJECT_CERT_BACK', 'HANDHELD_PHOTO', 'VERIFICATION_SHEET']) {
      await slot(kind)
        .locator('input[type=file]')
        .setInputFiles(kind === 'HANDHELD_PHOTO' ? files.jpeg2 : files.jpeg);
      await slot(kind).getByText('已上传').waitFor();
    }
    await slot('VERIFICATION_SHEET').getByLabel('核验单已由负责人本人手写签字').check();
    await page.getByText(/已于 \d\d:\d\d 自动保存/).waitFor();
    await page.locator('.upload-thumb img').first().waitFor();
    await snap(page, DIR, '14-materials');
  });

  it('R-ORD-003 R-ORD-017 R-ORD-022 R-ORD-023: review shows nothing open; submission starts the initial review', async () => {
    await page.getByRole('button', { name: buttonName('下一步') }).click();
    await page.getByText('所有信息已通过检查，可以提交。').waitFor();
    await snap(page, DIR, '15-review');
    await page.getByRole('button', { name: buttonName('提交备案') }).click();
    await page.waitForURL(new RegExp(`/console/orders/${orderId}$`));
    await page.locator('.state-tag').getByText('初审中').first().waitFor();
    await page.getByText('预计管局审核结果').waitFor();
    await page.getByText('约 22 个工作日（不含您填写和拍照的时间）').waitFor();
    await snap(page, DIR, '16-submitted');
  });

  it('R-ORD-019 R-ORD-020 R-MAT-016: after initial review the customer uploads the curtain photo and submits it', async () => {
    await (await reviewer(stack)).approveInitial(orderId);
    await page.reload();
    await page.getByRole('heading', { name: '办理幕布拍照' }).waitFor();
    await page.getByRole('heading', { name: '照片要求' }).waitFor();
    // 提交照片 follows the order's allowedEvents: not offered before the curtain photo is attached
    const submitPhotos = page.getByRole('button', { name: buttonName('提交照片') });
    assert.equal(await submitPhotos.isDisabled(), true);
    await page.getByText('上传全部幕布照片后才能提交照片。').waitFor();
    await page.locator('section[data-slot="CURTAIN_PHOTO"] input[type=file]').setInputFiles(files.jpeg2);
    await page.locator('section[data-slot="CURTAIN_PHOTO"]').getByText('已上传').waitFor();
    await page.getByRole('button', { name: buttonName('提交照片'), disabled: false }).waitFor();
    await snap(page, DIR, '17-photo');
    await page.getByRole('button', { name: buttonName('提交照片') }).click();
    await page.locator('.state-tag').getByText('复审中').first().waitFor();
    await snap(page, DIR, '18-re-review');
  });

  it('R-ORD-016 R-ORD-021 R-ORD-022: at the bureau the order is locked and shows the expected decision date', async () => {
    await (await reviewer(stack)).approveReReview(orderId);
    await page.reload();
    await page.locator('.state-tag').getByText('管局审核中（已锁定）').first().waitFor();
    await page.getByText('已提交管局审核，订单已锁定，无法修改或放弃。请等待管局审核结果。').first().waitFor();
    assert.equal(await page.getByRole('button', { name: buttonName('放弃备案') }).isDisabled(), true);
    const decision = page.locator('tr').filter({ hasText: '预计管局审核结果' });
    assert.match((await decision.textContent()) ?? '', /\d{4}-\d{2}-\d{2}/);
    assert.doesNotMatch((await decision.textContent()) ?? '', /估算/);
    await snap(page, DIR, '19-at-bureau');
  });

  it('R-ACS-017 R-BUR-011: at the bureau the console explains that a decision shows only after the provider syncs it', async () => {
    const sync = page.locator('tr').filter({ hasText: '结果同步到本平台' });
    assert.match((await sync.textContent()) ?? '', /最晚 \d{4}-\d{2}-\d{2}（管局作出决定后 2 个工作日内）/);
    const note = page.locator('.bureau-sync-note');
    await note.getByText('管局的审核结果需要同步后才会在这里显示').waitFor();
    assert.match((await note.textContent()) ?? '', /即使您已收到管局的短信或邮件/);
    // before the filing the gateway blocks the domain and its www host (R-ACS-006)
    assert.equal((await accessCheck(stack, DOMAIN)).status, 403);
    assert.equal((await accessCheck(stack, `www.${DOMAIN}`)).status, 403);
  });

  it('i18n: the language switch re-renders the console in English, server messages included', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByText('Under bureau review (locked)').first().waitFor();
    await page.getByText('Expected bureau decision').waitFor();
    await snap(page, DIR, '20-english');
    await page.getByRole('button', { name: '切换到中文' }).click();
    await page.getByText('管局审核中（已锁定）').first().waitFor();
    await settle(page);
  });

  it('R-BUR-011 R-ACS-017: the bureau approves, but until the provider syncs the console still shows the bureau step', async () => {
    // a realistic import delay (R-BUR-011): the bureau's result reaches providers one working day after its decision
    await simControl(stack, 'PUT', '/sim/control/settings', { syncDelayWorkingDays: 1 });
    await bureauSync(stack); // the provider uploads the application
    const decided = await simControl<{ decided: unknown[] }>(stack, 'POST', '/sim/control/decide', { all: true });
    assert.equal(decided.decided.length >= 1, true, JSON.stringify(decided));
    await bureauSync(stack); // nothing to download yet: the file is withheld for the sync delay
    await page.reload();
    await page.locator('.state-tag').getByText('管局审核中（已锁定）').first().waitFor();
    await page.locator('.bureau-sync-note').waitFor();
    assert.equal((await accessCheck(stack, DOMAIN)).status, 403, 'not synced: still blocked');
    await snap(page, DIR, '21-decided-not-synced');
  });

  it('R-BUR-011 R-BUR-012: after the sync the order is complete with the subject number and website number -1', async () => {
    await simControl(stack, 'POST', '/sim/control/clock/advance', { workingDays: 1 });
    await bureauSync(stack);
    await page.reload();
    await page.locator('.state-tag').getByText('备案成功').first().waitFor();
    const result = page.locator('#result');
    await result.getByText('管局审核已通过，备案号已同步到本平台。').waitFor();
    const filings = (await page.evaluate(() => fetch('/api/v1/filings').then((r) => r.json()))) as {
      subject: { filingNumber: string };
      websites: { filingNumber: string; domains: string[] }[];
    };
    subjectNumber = filings.subject.filingNumber;
    assert.match(subjectNumber, /^粤ICP备\d{8}号$/);
    assert.deepEqual(
      filings.websites.map((w) => [w.filingNumber, w.domains]),
      [[`${subjectNumber}-1`, [DOMAIN]]],
    );
    const text = (await result.textContent()) ?? '';
    assert.match(text, new RegExp(`主体备案号${subjectNumber}`));
    assert.match(text, new RegExp(`${subjectNumber}-1`));
    await result.locator(`li[data-domain="${DOMAIN}"]`).getByText('已接入', { exact: true }).waitFor();
    // the note about the sync delay is gone with the bureau step
    assert.equal(await page.locator('.bureau-sync-note').count(), 0);
    assert.equal(await page.getByRole('button', { name: buttonName('放弃备案') }).count(), 0);
    await snap(page, DIR, '22-approved');
  });

  it('R-ACS-006 R-ACS-012: the dashboard lists the website with its number and the access state 已接入', async () => {
    await page.getByRole('menuitem', { name: '概览' }).click();
    await page.waitForURL(/\/console$/);
    const filed = page.locator('.filed-website').filter({ hasText: '张三的技术博客' });
    await filed.getByText(`${subjectNumber}-1`, { exact: true }).waitFor();
    const domain = filed.locator(`li[data-domain="${DOMAIN}"]`);
    await domain.getByText('已接入', { exact: true }).waitFor();
    await domain.getByText('已备案，网站可以访问').waitFor();
    await page.getByText(subjectNumber, { exact: true }).first().waitFor();
    // the order list shows the finished order; a new filing can start (R-ORD-007: nothing in flight)
    await page.locator('.state-tag').getByText('备案成功').first().waitFor();
    await page.getByRole('button', { name: buttonName('开始备案') }).waitFor();
    await snap(page, DIR, '23-dashboard-filed');
  });

  it('R-ACS-006 R-ACS-012: the access check now serves the domain and its www host (200), blocked before (403)', async () => {
    // the gateway picks the change up with its version poll (about a second); wait on the answer, not on a clock
    const deadline = Date.now() + 20_000;
    let apex = await accessCheck(stack, DOMAIN);
    while (apex.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      apex = await accessCheck(stack, DOMAIN);
    }
    assert.equal(apex.status, 200);
    assert.equal(apex.reason, 'FILED');
    const www = await accessCheck(stack, `www.${DOMAIN}`);
    assert.deepEqual([www.status, www.reason], [200, 'FILED']);
    // a domain nobody filed stays blocked
    assert.equal((await accessCheck(stack, 'not-filed-example.cn')).status, 403);
  });

  it('R-BUR-012: the public query page finds the domain with its subject and website numbers', async () => {
    await page.goto(`${stack.apiUrl}/query?by=domain&q=${DOMAIN}`);
    await page.getByRole('heading', { name: 'ICP备案信息查询' }).waitFor();
    const row = page.locator('tbody tr').filter({ hasText: DOMAIN });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    assert.match(text, new RegExp(subjectNumber));
    assert.match(text, new RegExp(`${subjectNumber}-1`));
    assert.match(text, /张三的技术博客/);
    await snap(page, DIR, '24-public-query');
    assert.deepEqual(errors, []);
  });
});
