import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import {
  fileElsewhere,
  giveServer,
  imageFiles,
  openPage,
  type Stack,
  signInPage,
  snap,
  startStack,
  stepWithShots,
} from './browser-harness.ts';
import { buttonName, pickOption } from './ui-helpers.ts';

const DIR = 'access-filing';

/**
 * An access filing (接入备案): the website is filed through another provider and moves to this one. The platform
 * detects the type at the verify step; the order then needs only the documents, because subject and websites come
 * from the bureau record (R-SUB-029). Not covered yet, because the backend lacks them: copying the bureau record
 * into the order (without it the reviewer's confirmation call has no principal mobile to call, so initial review
 * cannot pass), asking for the filing password (R-ORD-032c), and the bureau's decision.
 */
describe('customer console: an access filing as far as the platform supports it (browser)', () => {
  let stack: Stack;
  let page: Page;
  let errors: string[];
  let files: Awaited<ReturnType<typeof imageFiles>>;
  const it = stepWithShots(() => page, DIR);

  before(async () => {
    stack = await startStack();
    ({ page, errors } = await openPage(stack));
    files = await imageFiles(join(tmpdir(), `beian-images-acc-${process.pid}`));
    const customer = await stack.signUp('lisi@example.com', 'lisi-password', '李四');
    const me = await customer.call<{ id: string; accountNo: string }>('GET', '/api/v1/auth/me');
    await giveServer(stack, me.body.accountNo, '203.0.113.91');
    await fileElsewhere(stack, me.body.id, {
      certType: 'RESIDENT_ID',
      certNumber: '11010519491231002X',
      name: '李四',
      province: '北京',
      filingNumber: '京ICP备26000123号',
      websites: [{ name: '李四的摄影作品', domain: 'lisi-photo.cn' }],
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

  it('R-SUB-029 R-ORD-014: the subject of an access filing is read-only in the wizard, with the reason', async () => {
    await page.getByRole('button', { name: '填写备案信息' }).click();
    await page.getByText('本订单类型的主体信息来自已备案记录，不能修改').waitFor();
    assert.equal(await page.getByLabel('所属城市').isDisabled(), true);
    await snap(page, DIR, '03-wizard-read-only');
  });

  it('R-ORD-003: the review step lists what still stops the submission, each with a way to its step', async () => {
    await page.getByRole('button', { name: '核对并提交' }).first().click();
    await page.getByText(/还有 \d+ 个问题需要解决后才能提交/).waitFor();
    assert.ok((await page.getByRole('button', { name: /^去.+修改$/ }).count()) > 0);
    await snap(page, DIR, '04-review-blocked');
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
    await snap(page, DIR, '05-materials');
    await page.getByRole('button', { name: '核对并提交' }).first().click();
    await page.getByText('所有信息已通过检查，可以提交。').waitFor();
    await page.getByRole('button', { name: buttonName('提交备案') }).click();
    await page.waitForURL(/\/console\/orders\/[^/]+$/);
    await page.locator('.state-tag').getByText('初审中').first().waitFor();
    await snap(page, DIR, '06-submitted');
  });

  it('R-ORD-007 R-ORD-017: the dashboard shows the access filing in progress with its next step and timeline', async () => {
    await page.getByRole('menuitem', { name: '概览' }).click();
    const current = page.locator('.ant-card').filter({ hasText: '进行中的订单' });
    await current.getByText('接入备案（无本接入商主体）').waitFor();
    await current.getByText('初审进行中，一般 1 个工作日内完成').waitFor();
    await snap(page, DIR, '07-dashboard');
    assert.deepEqual(errors, []);
  });
});
