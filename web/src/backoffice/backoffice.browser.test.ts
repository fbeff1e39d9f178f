import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { photo } from '../../../src/modules/materials/test-images.ts';
import { type personDraft, personDraftFor, testPerson } from '../../../test/support/drafts.ts';
import { type ApiClient, giveServer, openPage, type Stack, snap, startStack } from '../customer/browser-harness.ts';
import { buttonName } from '../customer/ui-helpers.ts';

/**
 * The back office in a real browser against a real Beian serving the built console (the customer console's harness:
 * createBeian + start on an ephemeral port, the demo seed, `vite preview` of web/dist). Screenshots go to
 * artifacts/screenshots/backoffice/.
 */
const DIR = 'backoffice';

interface Submitted {
  id: string;
  orderNo: string;
  version: number;
  customer: ApiClient;
  cookie: string;
  draft: ReturnType<typeof personDraft>;
}

/** A customer (signed up through the API) with a server, four real document images and a submitted FIRST order. */
async function submittedOrder(stack: Stack, n: number, domain: string, submit = true): Promise<Submitted> {
  const email = `browser-cust-${n}@example.com`;
  const password = 'browser-customer-pw';
  const up = await fetch(`${stack.apiUrl}/api/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, displayName: `客户${n}` }),
  });
  assert.equal(up.status, 201, await up.clone().text());
  const { accountNo } = await up.json();
  const ip = `203.0.113.${150 + n}`;
  await giveServer(stack, accountNo, ip);
  const customer = await stack.as(email, password);
  const signIn = await fetch(`${stack.apiUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
  const created = await customer.call<{ id: string; orderNo: string }>('POST', '/api/v1/orders', {
    subject: {
      type: 'PERSONAL',
      certificateType: 'RESIDENT_ID',
      // each customer files for their own person: a subject belongs to one account (R-ACC-004)
      certificateNumber: testPerson(n).certificateNumber,
      name: '张三',
    },
    province: '广东',
    domains: [domain],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  const { materials: _none, ...draft } = personDraftFor(domain, n);
  draft.websites[0].accessIps = [ip];
  const saved = await customer.call<{ version: number }>('PUT', `/api/v1/orders/${id}/draft`, { version: 1, draft });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const images: [string, number | undefined, Buffer][] = [
    ['SUBJECT_CERT_FRONT', undefined, await photo('jpeg', 1000, 640)],
    ['SUBJECT_CERT_BACK', undefined, await photo('jpeg', 1000, 640)],
    ['HANDHELD_PHOTO', 0, await photo('jpeg', 720, 960)],
    ['VERIFICATION_SHEET', 0, await photo('jpeg', 900, 1270)],
  ];
  for (const [kind, websiteIndex, bytes] of images) {
    const form = new FormData();
    form.set('kind', kind);
    if (websiteIndex !== undefined) form.set('websiteIndex', String(websiteIndex));
    form.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), `${kind.toLowerCase()}.jpg`);
    const r = await fetch(`${stack.apiUrl}/api/v1/orders/${id}/materials`, {
      method: 'POST',
      headers: { cookie },
      body: form,
    });
    assert.equal(r.status, 201, `${kind}: ${await r.text()}`);
  }
  const order = await customer.call<{ version: number; draft: typeof draft }>('GET', `/api/v1/orders/${id}`);
  if (!submit)
    return {
      id,
      orderNo: created.body.orderNo,
      version: order.body.version,
      customer,
      cookie,
      draft: order.body.draft as ReturnType<typeof personDraft>,
    };
  const submitted = await customer.call<{ version: number; state: string }>('POST', `/api/v1/orders/${id}/submit`, {
    version: order.body.version,
  });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  return {
    id,
    orderNo: created.body.orderNo,
    version: submitted.body.version,
    customer,
    cookie,
    draft: order.body.draft as ReturnType<typeof personDraft>,
  };
}

async function signInUi(page: Page, stack: Stack, email: string, password: string, landing: string) {
  await navigate(page, () => page.goto(`${stack.webUrl}/sign-in`));
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: buttonName('登录') }).click();
  await page.waitForURL(`**${landing}`);
}

/** Checks an antd radio button by its text (the input itself is zero-sized) and waits until it is checked. */
async function pickRadio(scope: Locator, text: string) {
  const label = scope.locator('label.ant-radio-button-wrapper').filter({ hasText: new RegExp(`^${text}$`) });
  for (let i = 0; i < 3; i++) {
    await label.click();
    if (await label.locator('input').isChecked()) return;
    await scope.page().waitForTimeout(200);
  }
  throw new Error(`radio ${text} did not check`);
}

/** Clicks and waits for the API answer of that click, so a lost click fails here, not three steps later. */
async function clickFor(page: Page, target: Locator, path: RegExp, method = 'POST') {
  const matches = (r: { url(): string; method(): string }) =>
    path.test(new URL(r.url()).pathname) && r.method() === method;
  // under CI load an antd popconfirm can swallow a click while it animates in: when no request left after a click,
  // click again (a request that did leave is never repeated)
  for (let attempt = 1; ; attempt++) {
    const sent = page.waitForRequest(matches, { timeout: attempt < 3 ? 6_000 : 20_000 });
    await target.click();
    let request: Awaited<typeof sent>;
    try {
      request = await sent;
    } catch (err) {
      if (attempt >= 3) throw err;
      continue;
    }
    const res = await request.response();
    if (!res) throw new Error(`no response to ${method} ${request.url()}`);
    return res;
  }
}

/**
 * Navigation that survives a moment without web/dist: other test processes rebuild the console when its sources
 * change (scripts/build-web.mjs empties the directory first), and a request in that window fails.
 */
async function navigate(page: Page, go: () => Promise<unknown>) {
  for (let i = 0; ; i++) {
    try {
      await go();
      return;
    } catch (err) {
      if (i >= 4) throw err;
      await page.waitForTimeout(1500);
    }
  }
}

/** Opens an antd select by its accessible name inside `scope` and picks the option containing `text`. */
async function choose(page: Page, scope: Locator, name: string, text: string, typed?: string) {
  await scope.getByRole('combobox', { name }).click();
  if (typed) await page.keyboard.type(typed);
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  const option = dropdown.locator('.ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor({ state: 'visible' });
  // the dropdown's open animation never settles on a loaded CI machine ("waiting for element to be stable"):
  // the option is visible and enabled, so click it without waiting for stability
  await option.click({ force: true });
}

describe('back office in the browser', () => {
  let stack: Stack;
  let page: Page;
  let errors: string[];
  let first: Submitted;
  let second: Submitted;
  let third: Submitted;

  before(async () => {
    stack = await startStack();
    first = await submittedOrder(stack, 1, 'zhangsan-tech.cn');
    second = await submittedOrder(stack, 2, 'zhangsan-notes.cn');
    third = await submittedOrder(stack, 3, 'zhangsan-draft.cn', false);
    ({ page, errors } = await openPage(stack));
  });
  after(async () => {
    await stack?.close();
  });

  it('R-ORD-017: a reviewer signs in to the initial-review queue and sees the order with its SLA', async () => {
    await signInUi(page, stack, 'reviewer@demo.beian', 'demo-reviewer-1', '/review/queues/initial');
    const row = page.locator('tr', { hasText: first.orderNo });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /剩 1 个工作日|今日到期/);
    assert.match((await row.textContent()) ?? '', /张\*/, 'personal names are masked in lists');
    await page.getByRole('menuitem', { name: '初审队列' }).waitFor();
    await snap(page, DIR, '01-queue-initial');
  });

  it('FAQ R-ORD-018: one missed and one reached confirmation call, logged on the review page with the documents beside the data', async () => {
    await page
      .locator('tr', { hasText: first.orderNo })
      .getByRole('button', { name: buttonName('审核') })
      .click();
    await page.waitForURL(`**/review/orders/${first.id}`);
    await page.getByTestId('review-page').waitFor();
    // the viewer zooms and rotates the scan in place
    const img = page.getByTestId('viewer-image');
    await img.waitFor();
    await page.getByRole('button', { name: '旋转' }).click();
    await page.getByRole('button', { name: '放大' }).click();
    assert.equal(await img.getAttribute('data-rotation'), '90');
    assert.equal(await img.getAttribute('data-zoom'), '1.25');
    assert.ok(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth > 0), 'the scan is served and decoded');
    await page.getByRole('button', { name: '还原' }).click();

    await page.getByRole('tab', { name: /确认电话/ }).click();
    const calls = page.getByTestId('calls');
    await calls.getByText('13800138000').waitFor();
    await pickRadio(calls, '未接通');
    const missed = await clickFor(page, calls.getByRole('button', { name: /记录本次拨打/ }), /\/calls$/);
    assert.equal(missed.status(), 201, await missed.text());
    await calls.getByText('第 1 次').waitFor();
    await pickRadio(calls, '接通并确认');
    await calls.getByLabel('通话备注').fill('负责人本人确认备案信息');
    const reached = await clickFor(page, calls.getByRole('button', { name: /记录本次拨打/ }), /\/calls$/);
    assert.equal(reached.status(), 201, await reached.text());
    await calls.getByText('负责人已确认').waitFor();
    await page.getByRole('tab', { name: /检查清单/ }).click();
    await page.locator('[data-item="R-ORD-018"][data-status="pass"]').waitFor();
    await snap(page, DIR, '02-review-page');
  });

  it('R-REJ-001 R-REJ-007: the reviewer rejects with two reasons from the catalogue, each at its field', async () => {
    await page.getByRole('tab', { name: /审核结论/ }).click();
    const decision = page.getByTestId('decision');
    await decision.getByTestId('add-reason').click();
    const r0 = decision.getByTestId('reason-0');
    await choose(page, r0, '原因', 'WEBSITE_NAME_INVALID', 'WEBSITE_NAME');
    await r0.getByLabel('修改意见').fill('网站名称不能使用「技术博客」以外的泛称，请按命名规则修改');
    await decision.getByTestId('add-reason').click();
    const r1 = decision.getByTestId('reason-1');
    await choose(page, r1, '原因', 'SUBJECT_INFO_INCOMPLETE', 'SUBJECT_INFO');
    await choose(page, r1, '字段', 'subject.communicationAddress.detail');
    await r1.getByLabel('修改意见').fill('通信地址需详细到门牌号');
    await snap(page, DIR, '03-reject-form');
    const rejected = await clickFor(page, decision.getByTestId('reject'), /initial-review\/reject$/);
    assert.equal(rejected.status(), 200, await rejected.text());
    await page.getByText('已驳回，客户将收到驳回原因与修改意见').waitFor();

    const seen = await first.customer.call<{
      state: string;
      version: number;
      rejection: { reasons: { code: string; field: string; message: string; fix?: string }[] };
    }>('GET', `/api/v1/orders/${first.id}`);
    assert.equal(seen.body.state, 'INITIAL_REJECTED');
    assert.deepEqual(
      seen.body.rejection.reasons.map((r) => [r.code, r.field]),
      [
        ['WEBSITE_NAME_INVALID', 'websites[0].name'],
        ['SUBJECT_INFO_INCOMPLETE', 'subject.communicationAddress.detail'],
      ],
    );
    assert.match(seen.body.rejection.reasons[0].fix ?? '', /命名规则/, 'the catalogue remedy reaches the customer');

    // the customer fixes the two flagged fields and resubmits (R-REJ-002)
    const revoke = await first.customer.call<{ version: number }>('POST', `/api/v1/orders/${first.id}/revoke`, {
      version: seen.body.version,
    });
    assert.equal(revoke.status, 200, JSON.stringify(revoke.body));
    const draft = structuredClone(first.draft);
    draft.websites[0].name = '张三技术分享';
    draft.subject.communicationAddress.detail = '科技园路1号2栋301室';
    const saved = await first.customer.call<{ version: number }>('PUT', `/api/v1/orders/${first.id}/draft`, {
      version: revoke.body.version,
      draft,
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const resub = await first.customer.call('POST', `/api/v1/orders/${first.id}/submit`, {
      version: saved.body.version,
    });
    assert.equal(resub.status, 200, JSON.stringify(resub.body));
  });

  it('R-REJ-002 R-ORD-017: the resubmission shows what changed, and the reviewer approves it', async () => {
    await navigate(page, () => page.reload());
    await page.getByTestId('review-page').waitFor();
    await page.getByRole('tab', { name: /修改对比/ }).click();
    const diff = page.getByTestId('diff');
    await diff.getByText('张三技术分享').waitFor();
    await diff.getByText('科技园路1号2栋301室').waitFor();
    assert.equal(await page.locator('.bo-data-row.changed').count(), 2, 'both edits are marked in the data column');
    await snap(page, DIR, '04-review-diff');
    await page.getByRole('tab', { name: /审核结论/ }).click();
    const approve = page.getByTestId('approve');
    assert.equal(await approve.isEnabled(), true, 'the principal confirmed in the first round is still the principal');
    await approve.click();
    const approved = await clickFor(
      page,
      page.locator('.ant-popconfirm').getByRole('button', { name: buttonName('通过') }),
      /initial-review\/approve$/,
    );
    assert.equal(approved.status(), 200, await approved.text());
    const after = await first.customer.call<{ state: string }>('GET', `/api/v1/orders/${first.id}`);
    assert.equal(after.body.state, 'PHOTO_PENDING');
  });

  it('R-ORD-017: the dashboard draws the orders, steps, rejections and SLA charts', async () => {
    // the toast of the last action sits over the menu until it fades
    await page
      .locator('.ant-message-notice')
      .first()
      .waitFor({ state: 'detached' })
      .catch(() => {});
    await page.getByRole('menuitem', { name: '数据看板' }).click();
    await page.waitForURL('**/review/dashboard');
    const dash = page.getByTestId('dashboard');
    await dash.locator('svg[role="img"]').first().waitFor();
    assert.ok((await dash.locator('svg[role="img"]').count()) >= 4);
    await dash.locator('td', { hasText: '网站名称不符合要求' }).first().waitFor();
    await snap(page, DIR, '05-dashboard');
    // English second: the same page in the other language, charts included
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await dash.locator('td', { hasText: 'Website name not acceptable' }).first().waitFor();
    await page.getByRole('menuitem', { name: 'Initial review' }).waitFor();
    await snap(page, DIR, '05-dashboard-en');
    await page.locator('.lang-switch').click();
    await page.getByRole('heading', { name: '数据看板' }).waitFor();
    assert.deepEqual(errors, []);
  });

  it('R-PRV-001: an admin overrides a province rule and the next check applies it', async () => {
    const admin = await openPage(stack);
    const p = admin.page;
    await signInUi(p, stack, 'admin@demo.beian', 'demo-admin-1', '/admin/province-rules');
    const form = p.getByTestId('province-rules');
    await choose(p, form, '规则', 'allowedSuffixes', 'allowedSuffixes');
    await form.getByTestId('current-value').waitFor();
    assert.equal((await form.getByTestId('current-value').textContent()) ?? '', '—', '广东 has no suffix whitelist');
    await form.getByLabel('JSON 值').fill('{"suffixes":["com","net"],"anyChineseSuffix":false}');
    await form.getByLabel('依据/来源').fill('粤通管函〔2026〕演示：仅受理 .com/.net 域名');
    const saved = await clickFor(p, form.getByTestId('save-override'), /province-overrides$/);
    assert.equal(saved.status(), 201, await saved.text());
    await p.getByText('已保存，下一次检查即按新规则执行').waitFor();
    await form.locator('tr', { hasText: 'allowedSuffixes' }).getByText('已生效').waitFor();
    await snap(p, DIR, '06-province-rules');

    // the customer's next check (saving a draft) refuses the .cn domain under the new rule …
    const check = await third.customer.call<{ check: { violations: { rule: string; code: string; field: string }[] } }>(
      'PUT',
      `/api/v1/orders/${third.id}/draft`,
      { version: third.version, draft: third.draft },
    );
    assert.equal(check.status, 200, JSON.stringify(check.body));
    const v = check.body.check.violations.find((x) => x.code === 'SUFFIX_NOT_ALLOWED_IN_PROVINCE');
    assert.ok(v, JSON.stringify(check.body.check.violations));
    assert.equal(v.rule, 'R-PRV-013');
    assert.equal(v.field, 'websites[0].domains[0]');

    // … and so does the review checklist of the order waiting in 广东, which now cannot be approved
    await navigate(p, () => p.goto(`${stack.webUrl}/review/orders/${second.id}`));
    await p.getByTestId('review-page').waitFor();
    const item = p.locator('[data-item="R-PRV-013"]');
    await item.waitFor();
    assert.equal(await item.getAttribute('data-status'), 'fail');
    assert.match((await item.textContent()) ?? '', /zhangsan-notes\.cn|后缀/);
    await snap(p, DIR, '07-checklist-override');
    assert.deepEqual(admin.errors, []);
    await admin.context.close();
  });
});
