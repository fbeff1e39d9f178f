import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import {
  bureauSync,
  imageFiles,
  openPage,
  reviewer,
  type Stack,
  signInPage,
  simControl,
  snap,
  startStack,
  stepWithShots,
  submittedOrder,
} from './browser-harness.ts';
import { buttonName } from './ui-helpers.ts';

const DIR = 'rejection';

describe('customer console: a rejection answered, resubmitted and approved (browser)', () => {
  let stack: Stack;
  let page: Page;
  let errors: string[];
  let orderId = '';
  /** The draft as it stood when it was rejected: everything but the two rejected fields must come back unchanged. */
  let rejectedDraft: Record<string, unknown> = {};
  let files: Awaited<ReturnType<typeof imageFiles>>;
  const it = stepWithShots(() => page, DIR);

  before(async () => {
    stack = await startStack();
    ({ page, errors } = await openPage(stack));
    files = await imageFiles(join(tmpdir(), `beian-images-rej-${process.pid}`));
    const order = await submittedOrder(stack, 'wang@example.com', 'wang-notes.cn', '203.0.113.81');
    orderId = order.id;
    await (await reviewer(stack)).rejectInitial(orderId, [
      {
        code: 'WEBSITE_NAME_INVALID',
        field: 'websites[0].name',
        message: '网站名称与网站内容不符',
        fix: '请使用能体现网站内容的名称，例如「张三的读书笔记」',
      },
      {
        code: 'SUBJECT_INFO_INCOMPLETE',
        field: 'subject.communicationAddress.detail',
        message: '通信地址不详细',
        fix: '请详细到门牌号',
      },
    ]);
    rejectedDraft = (await order.customer.call<{ draft: Record<string, unknown> }>('GET', `/api/v1/orders/${orderId}`))
      .body.draft;
    await signInPage(page, stack, order.email, order.password);
  });
  after(async () => {
    await stack?.close();
  });

  it('R-REJ-001 R-REJ-007 R-REJ-008 R-ORD-027: the order shows each reason with its label, the fix and the 45-day deadline', async () => {
    await page.getByText('初审驳回').first().waitFor();
    await snap(page, DIR, '01-dashboard-rejected');
    await page.getByRole('button', { name: '查看驳回原因' }).click();
    const card = page.locator('.rejection-card');
    await card.getByText('网站名称不符合要求').waitFor();
    await card.getByText('主体信息填写不完善').waitFor();
    const text = (await card.textContent()) ?? '';
    assert.match(text, /网站名称与网站内容不符/);
    assert.match(text, /修改建议：请使用能体现网站内容的名称/);
    assert.match(text, /请在 \d{4}-\d{2}-\d{2} 前完成修改并重新提交/);
    // R-REJ-008: the FAQ's remedy for the reason code
    assert.match(text, /处理建议：请按照网站命名规则修改网站名称/);
    await snap(page, DIR, '02-rejection');
  });

  it('R-ORD-014 R-ORD-015: revoke and abandon are explained side by side before either click', async () => {
    await page.getByRole('button', { name: '返回修改（撤销备案）' }).click();
    const modal = page.getByRole('dialog');
    await modal.getByText('订单保留，被驳回的信息重新打开供您修改，其他信息保持不变。').waitFor();
    await modal.getByText('订单立即结束，不能恢复；如仍需备案，须从「验证备案信息」重新开始。').waitFor();
    await snap(page, DIR, '03-revoke-or-abandon', { fullPage: false });
    await modal.getByRole('button', { name: buttonName('返回修改') }).click();
    await page.waitForURL(/\/edit/);
  });

  it('R-REJ-001 R-REJ-002: each rejection reason sits at its field; only those need changing', async () => {
    await page.getByText('有 2 项被驳回：只需修改这些项目，其他信息无需改动').waitFor();
    // the wizard opens at the first rejected item, with the reviewer's reason and fix at the field
    const name = page.locator('[data-field="websites[0].name"]');
    await name.getByText('驳回原因：网站名称与网站内容不符').waitFor();
    assert.match((await name.textContent()) ?? '', /请使用能体现网站内容的名称/);
    await snap(page, DIR, '04-wizard-rejected-website');
    await page.getByLabel('网站名称').fill('张三的读书笔记');
    await name.getByText(/驳回原因：网站名称与网站内容不符（已修改）/).waitFor();
    // the banner leads to the other rejected item
    await page.getByRole('alert').getByRole('button', { name: '主体信息' }).click();
    const detail = page.locator('[data-field="subject.communicationAddress.detail"]');
    await detail.getByText('驳回原因：通信地址不详细').waitFor();
    await snap(page, DIR, '05-wizard-rejected-subject');
    await page.getByLabel('详细地址').fill('科技园路1号 3栋 501室');
    await page.getByText(/已于 \d\d:\d\d 自动保存/).waitFor();
  });

  it('R-REJ-002 R-ORD-014: resubmitting sends the order back to initial review', async () => {
    await page.getByRole('button', { name: '核对并提交' }).first().click();
    await page.getByRole('button', { name: buttonName('重新提交备案') }).click();
    await page.waitForURL(new RegExp(`/console/orders/${orderId}$`));
    await page.locator('.state-tag').getByText('初审中').first().waitFor();
    // R-REJ-002: only the rejected items changed; every other field went back as it was
    const { draft } = (await page.evaluate((id) => fetch(`/api/v1/orders/${id}`).then((r) => r.json()), orderId)) as {
      draft: {
        websites: { name: string }[];
        subject: { communicationAddress: { detail: string } };
      };
    };
    assert.equal(draft.websites[0].name, '张三的读书笔记');
    assert.equal(draft.subject.communicationAddress.detail, '科技园路1号 3栋 501室');
    const expected = structuredClone(rejectedDraft) as typeof draft;
    expected.websites[0].name = '张三的读书笔记';
    expected.subject.communicationAddress.detail = '科技园路1号 3栋 501室';
    assert.deepEqual(draft, expected);
    await snap(page, DIR, '06-resubmitted');
  });

  it('R-REJ-003 R-ORD-020: after a photo re-review rejection only the photo is replaced, without a new initial review', async () => {
    const r = await reviewer(stack);
    await r.approveInitial(orderId);
    await page.reload();
    await page.locator('section[data-slot="CURTAIN_PHOTO"] input[type=file]').setInputFiles(files.jpeg2);
    await page.locator('section[data-slot="CURTAIN_PHOTO"]').getByText('已上传').waitFor();
    await page.getByRole('button', { name: buttonName('提交照片') }).click();
    await page.locator('.state-tag').getByText('复审中').first().waitFor();
    await r.rejectReReview(orderId, [
      { code: 'PHOTO_SEASON', field: 'materials', message: '着装不符合当前季节', fix: '请穿着当季服装重新拍摄' },
    ]);
    await page.reload();
    const card = page.locator('.rejection-card');
    await card.getByText('着装不符合当前季节').waitFor();
    await card
      .getByText('复审只审核幕布照片：请按修改意见重新拍摄，替换照片后单击「提交照片」，无需重新初审。')
      .waitFor();
    await snap(page, DIR, '07-re-review-rejected');
    // the replacement is uploaded and the order re-read before 提交照片 (the old photo keeps the button enabled)
    const uploaded = page.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/orders/${orderId}/materials`) && r.request().method() === 'POST',
    );
    const reread = page.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/orders/${orderId}`) && r.request().method() === 'GET',
    );
    await page.locator('section[data-slot="CURTAIN_PHOTO"] input[type=file]').setInputFiles(files.jpeg);
    assert.equal((await uploaded).status(), 201);
    await reread;
    await page.getByRole('button', { name: buttonName('提交照片'), disabled: false }).click();
    await page.locator('.state-tag').getByText('复审中').first().waitFor();
    const events = await page.evaluate((id) => fetch(`/api/v1/orders/${id}/events`).then((x) => x.json()), orderId);
    const states = (events as { to: string }[]).map((e) => e.to);
    // initial review was not repeated after the photo rejection
    assert.equal(states.lastIndexOf('PENDING_INITIAL_REVIEW') < states.lastIndexOf('RE_REVIEW_REJECTED'), true);
    await snap(page, DIR, '08-photo-resubmitted');
  });

  it('R-ORD-016 R-BUR-011: the resubmitted order passes re-review and the bureau, and gets its filing number', async () => {
    await (await reviewer(stack)).approveReReview(orderId);
    await bureauSync(stack);
    await simControl(stack, 'POST', '/sim/control/decide', { all: true });
    await bureauSync(stack);
    await page.reload();
    await page.locator('.state-tag').getByText('备案成功').first().waitFor();
    const result = page.locator('#result');
    await result.getByText('管局审核已通过，备案号已同步到本平台。').waitFor();
    const text = (await result.textContent()) ?? '';
    // the approved website carries the name the customer corrected
    assert.match(text, /网站备案号 · 张三的读书笔记粤ICP备\d{8}号-1/);
    await result.locator('li[data-domain="wang-notes.cn"]').getByText('已接入', { exact: true }).waitFor();
    await snap(page, DIR, '09-approved');
    assert.deepEqual(errors, []);
  });
});
