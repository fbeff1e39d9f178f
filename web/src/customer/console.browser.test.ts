import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { fileElsewhere, openPage, type Stack, signInPage, snap, startStack, stepWithShots } from './browser-harness.ts';
import { buttonName, pickOption } from './ui-helpers.ts';

const DIR = 'console';

describe('customer console: shell, authorization codes, after filing, keyboard (browser)', () => {
  let stack: Stack;
  let page: Page;
  let context: BrowserContext;
  let errors: string[];
  let code = '';
  const it = stepWithShots(() => page, DIR);

  before(async () => {
    stack = await startStack();
    ({ page, context, errors } = await openPage(stack));
  });
  after(async () => {
    await stack?.close();
  });

  it('the platform serves the built console itself: the start page and its script assets', async () => {
    const home = await fetch(`${stack.apiUrl}/`);
    assert.equal(home.status, 200, `GET / answered ${home.status}`);
    const html = await home.text();
    const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
    assert.ok(script, 'index.html names its script');
    const asset = await fetch(`${stack.apiUrl}${script}`);
    assert.equal(asset.status, 200, `GET ${script} answered ${asset.status}`);
    const deep = await fetch(`${stack.apiUrl}/console/orders/anything`);
    assert.equal(deep.status, 200);
    assert.match(await deep.text(), /<div id="root">/);
  });

  it('accessibility: a keyboard alone reaches the skip link, signs in, and focus stays visible', async () => {
    await page.goto(`${stack.webUrl}/sign-in`);
    await page.getByLabel('邮箱').waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: '跳到主要内容' });
    assert.equal(
      await skip.evaluate((el) => el === document.activeElement),
      true,
      'the first Tab reaches the skip link',
    );
    assert.ok((await skip.boundingBox())!.y >= 0, 'the focused skip link is on screen');
    await page.keyboard.press('Enter');
    await page.getByLabel('邮箱').focus();
    await page.keyboard.type('customer@demo.beian');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-customer-1');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return { tag: el.tagName, style: s.outlineStyle, width: s.outlineWidth };
    });
    assert.notEqual(outline.style, 'none', `focused ${outline.tag} shows an outline`);
    await snap(page, DIR, '01-sign-in-keyboard', { fullPage: false });
    await page.getByLabel('密码').press('Enter');
    await page.waitForURL('**/console');
  });

  it('R-ACC-017 R-ACC-018 R-ACC-024: the customer generates an authorization code for an eligible server only', async () => {
    await page.getByRole('menuitem', { name: '服务器与授权码' }).click();
    const gz = page.locator('.ant-list-item').filter({ hasText: '广州 CVM（包年包月 12 个月）' });
    const hk = page.locator('.ant-list-item').filter({ hasText: '香港 CVM' });
    // a Hong Kong server can neither back a filing nor make a code, and says why
    assert.equal(await hk.getByRole('button', { name: '生成备案授权码' }).isDisabled(), true);
    await hk.getByText('非中国大陆地域的服务器（如香港、海外）无需备案').first().waitFor();
    await gz.getByRole('button', { name: '生成备案授权码' }).click();
    const listed = page.locator('.auth-code').first();
    await listed.waitFor();
    code = ((await listed.textContent()) ?? '').trim();
    assert.match(code, /\S{6,}/);
    await page.locator('.ant-list-item').filter({ hasText: code }).getByText('可使用').waitFor();
    await snap(page, DIR, '02-auth-codes');
  });

  it('R-ACC-020 R-ORD-003: another account without a server files with that code', async () => {
    await page.getByRole('button', { name: /账号菜单：演示客户/ }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL('**/sign-in');
    await stack.signUp('zhao@example.com', 'zhao-password', '赵六');
    await signInPage(page, stack, 'zhao@example.com', 'zhao-password');
    await page.getByRole('menuitem', { name: '我要备案' }).click();
    await pickOption(page, '主体性质', '个人');
    await pickOption(page, '证件类型', '居民身份证');
    await page.getByLabel('证件号码').fill('11010519491231002X');
    await page.getByLabel('主体名称（个人填写姓名）').fill('赵六');
    await pickOption(page, '备案省份', '北京');
    await page.getByLabel('域名 1').fill('zhao-liu.cn');
    await page.getByLabel('使用其他账号生成的备案授权码').check();
    await page.getByLabel('备案授权码', { exact: true }).fill(code);
    await page.getByRole('button', { name: buttonName('验证') }).click();
    await page.getByText('验证通过：首次备案').waitFor();
    await snap(page, DIR, '03-verify-with-code');
  });

  it('R-ORD-007: a second order is refused while one is in flight, and the console says why before trying', async () => {
    await page.getByRole('menuitem', { name: '我要备案' }).click();
    await page.getByText('您有一个进行中的订单').waitFor();
    assert.equal(await page.getByRole('button', { name: buttonName('验证') }).isDisabled(), true);
    await snap(page, DIR, '04-one-in-flight');
  });

  it('R-CHG-016 R-CHG-017: cancel access explains the difference and the shell risk, then creates the order', async () => {
    const customer = await stack.signUp('qian@example.com', 'qian-password', '钱七');
    const me = await customer.call<{ id: string }>('GET', '/api/v1/auth/me');
    await fileElsewhere(stack, me.body.id, {
      certType: 'RESIDENT_ID',
      certNumber: '440524188001010014',
      name: '钱七',
      province: '广东',
      filingNumber: '粤ICP备26000777号',
      websites: [
        { name: '钱七的博客', domain: 'qian-blog.cn' },
        { name: '钱七的相册', domain: 'qian-photos.cn' },
      ],
      accessedHere: true,
    });
    await page.getByRole('button', { name: /账号菜单：赵六/ }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    // signed out before the next sign-in: a navigation racing the sign-out would keep the old session
    await page.waitForURL('**/sign-in');
    await signInPage(page, stack, 'qian@example.com', 'qian-password');
    const filings = page.locator('.ant-card').filter({ hasText: '我的备案信息' });
    await filings.getByText('粤ICP备26000777号-1').waitFor();
    await filings.getByText('已接入本接入商').first().waitFor();
    await snap(page, DIR, '05-dashboard-filed');
    await page.getByRole('menuitem', { name: '备案后业务' }).click();
    await snap(page, DIR, '06-after-filing');
    await page.locator('.ant-card').filter({ hasText: '取消接入' }).getByRole('link').click();
    await page.getByText('取消接入前请先在网站现在使用的服务商处办理接入备案').waitFor();
    await page.getByLabel(/钱七的相册/).check();
    await page.getByRole('checkbox', { name: /我已了解，确认办理「取消接入」/ }).check();
    await snap(page, DIR, '07-cancel-access');
    await page.getByRole('button', { name: buttonName('提交取消接入') }).click();
    await page.waitForURL(/\/edit\?step=review/);
    await page.getByRole('heading', { name: '确认办理：取消接入' }).waitFor();
    await snap(page, DIR, '08-cancel-access-order');
    await page.getByRole('button', { name: buttonName('提交申请') }).click();
    await page.locator('.state-tag').getByText('初审中').first().waitFor();
    // R-CHG-012: no photo step, and the bureau's 3–20 working-day window
    const timeline = (await page.locator('.order-timeline').textContent()) ?? '';
    assert.doesNotMatch(timeline, /办理拍照/);
    assert.match(timeline, /时限：3～20 个工作日/);
    await snap(page, DIR, '09-cancel-access-submitted');
  });

  it('staff: a reviewer lands in the back office inside the same shell', async () => {
    // signed out before the next sign-in: a navigation racing the sign-out would keep the old session. Under CI
    // load the dropdown can swallow the click while it animates in, so open it and click again until signed out.
    for (let attempt = 1; ; attempt++) {
      const signOut = page.getByRole('menuitem', { name: '退出登录' });
      if (!(await signOut.isVisible())) await page.getByRole('button', { name: /账号菜单：钱七/ }).click();
      await signOut.click();
      try {
        await page.waitForURL('**/sign-in', { timeout: attempt < 3 ? 8_000 : 20_000 });
        break;
      } catch (err) {
        if (attempt >= 3 || page.url().includes('/sign-in')) throw err;
      }
    }
    await signInPage(page, stack, 'reviewer@demo.beian', 'demo-reviewer-1');
    assert.match(page.url(), /\/review/);
    await page.getByRole('button', { name: 'Switch to English' }).waitFor();
    await snap(page, DIR, '10-reviewer-home');
  });

  it('i18n: the public helper reads well in English on a phone', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.goto(`${stack.webUrl}/need-to-file`);
    await page.getByLabel('Domain').fill('example-y.online');
    await page.getByLabel("On this provider's mainland-China server").check();
    await page.getByLabel('Yes, now or very soon').check();
    await page.getByText('This suffix cannot be filed').waitFor();
    await snap(page, DIR, '11-need-to-file-english');
    await context.clearCookies();
    assert.deepEqual(errors, []);
  });
});
