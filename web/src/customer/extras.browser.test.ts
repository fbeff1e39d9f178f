import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import {
  fileElsewhere,
  giveServer,
  openPage,
  type Stack,
  signInPage,
  snap,
  startStack,
  stepWithShots,
} from './browser-harness.ts';

const DIR = 'extras';

describe('customer console: website services — diagnosis, 公安备案, 文网文 help (browser)', () => {
  let stack: Stack;
  let page: Page;
  let errors: string[];
  let uin = '';
  const it = stepWithShots(() => page, DIR);

  before(async () => {
    stack = await startStack();
    ({ page, errors } = await openPage(stack));
    const customer = await stack.signUp('sun@example.com', 'sun-password-1', '孙八');
    const me = await customer.call<{ id: string }>('GET', '/api/v1/auth/me');
    await fileElsewhere(stack, me.body.id, {
      certType: 'RESIDENT_ID',
      certNumber: '440524188001010022',
      name: '孙八',
      province: '广东',
      filingNumber: '粤ICP备26000888号',
      websites: [{ name: '孙八的博客', domain: 'sun-blog.cn' }],
      accessedHere: true,
    });
    await fileElsewhere(stack, me.body.id, {
      certType: 'RESIDENT_ID',
      certNumber: '110101199001010035',
      name: '孙八（北京）',
      province: '北京',
      filingNumber: '京ICP备26000999号',
      websites: [{ name: '孙八的商店', domain: 'sun-shop.cn' }],
      accessedHere: true,
    });
    const who = await customer.call<{ accountNo: string }>('GET', '/api/v1/auth/me');
    uin = who.body.accountNo;
    // the websites are accessed on 203.0.113.77: make it this account's server
    await giveServer(stack, uin);
  });
  after(async () => {
    await stack?.close();
  });

  it('R-ACS-016: the diagnosis of an own domain shows the gateway decision, the filing number, DNS and the hints', async () => {
    await signInPage(page, stack, 'sun@example.com', 'sun-password-1');
    await page.getByRole('menuitem', { name: '网站服务' }).click();
    await page.waitForURL('**/console/extras');
    await page.getByLabel('域名').fill('sun-blog.cn');
    await page.getByRole('button', { name: /开始诊断/ }).click();
    const result = page.getByTestId('diagnosis-result');
    await result.getByText('网关允许访问').first().waitFor();
    await result.getByText('粤ICP备26000888号-1').waitFor();
    // the real resolver answers whatever the sandbox's DNS says; either way each host gets a status tag
    assert.equal(await result.locator('.ant-descriptions-item-label', { hasText: 'www.sun-blog.cn' }).count(), 1);
    await result.getByText('f1g1ns1.dnspod.net, f1g1ns2.dnspod.net').waitFor();
    await result.getByText(/5 天内必须完成实名认证/).waitFor();
    await result.getByText(/暂停解析/).waitFor();
    await result.getByText(/防火墙/).waitFor();
    await snap(page, DIR, '01-diagnosis');
  });

  it("R-ACS-016: another account's domain is refused", async () => {
    await page.getByLabel('域名').fill('qq-not-mine.cn');
    await page.getByRole('button', { name: /开始诊断/ }).click();
    await page.getByRole('alert').getByText('您的账号下没有该域名').waitFor();
  });

  it('FAQ-258 R-EXT-002 R-EXT-003: record the PSB number; the display task and the HTML code appear; the sheet link is offered', async () => {
    await page.getByRole('tab', { name: '公安备案' }).click();
    await page.waitForURL('**/console/extras/psb');
    const card = page.locator('.ant-card').filter({ hasText: '孙八的博客' });
    await card.getByRole('link', { name: '下载接入商信息（PDF）' }).waitFor();
    await card.getByLabel('公安备案号').fill('123');
    await card.getByRole('button', { name: /登\s*记/ }).click();
    await card
      .getByText(/公安备案号应为 14 位数字/)
      .first()
      .waitFor();
    const today = await page.evaluate(() => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }));
    await card.getByLabel('公安备案号').fill('44010602000001');
    await card.getByLabel('审核通过日期').fill(today);
    await card.getByRole('button', { name: /登\s*记/ }).click();
    await card.getByText('在网站展示公安备案号和图标').waitFor();
    await card.getByText(/recordcode=44010602000001/).waitFor();
    // the field error leaves once the number is accepted
    await card.getByText(/公安备案号应为 14 位数字/).waitFor({ state: 'detached' });
    await snap(page, DIR, '02-psb');
  });

  it('FAQ-259 R-EXT-004 R-EXT-005 R-PRV-024: a request outside the assisted regions is refused at the domain field; a 北京 one becomes a ticket with the capital warning', async () => {
    await page.getByRole('tab', { name: '经营性备案资质' }).click();
    await page.waitForURL('**/console/extras/qualification');
    await page.getByLabel('域名').fill('sun-blog.cn');
    await page.getByLabel('服务器所属账号 UIN').fill(uin);
    await page.getByRole('button', { name: /提交工单/ }).click();
    await page
      .locator('.ant-form-item-explain-error')
      .getByText(/目前只支持北京、天津、上海、广州、深圳/)
      .waitFor();
    await page.getByLabel('域名').fill('sun-shop.cn');
    await page.getByLabel('主体注册资本（元）').fill('500000');
    await page.getByRole('button', { name: /提交工单/ }).click();
    await page.getByText('工单已提交，我们核实后会将资质证明提供给您').waitFor();
    await page.getByText(/注册资本低于 100 万元/).waitFor();
    await page.locator('.ant-table-row').filter({ hasText: 'sun-shop.cn' }).getByText('处理中').waitFor();
    await snap(page, DIR, '03-qualification');
  });

  it('FAQ-267 R-EXT-010: the 文网文 help page states conditions, procedure, time limit and consequence; no application function', async () => {
    await page.getByRole('tab', { name: '文网文' }).click();
    await page.waitForURL('**/console/extras/wenwangwen');
    const procedure = page.locator('[data-section="procedure"]');
    await procedure.getByText(/省（自治区、直辖市）文化行政部门/).waitFor();
    await procedure.getByText(/报文化部审核/).waitFor();
    await procedure.getByText(/通过省级文化部门颁发/).waitFor();
    await page
      .locator('[data-section="conditions"]')
      .getByText(/游戏运营 1000 万元以上/)
      .waitFor();
    await page
      .locator('[data-section="timeLimit"]')
      .getByText(/20 个工作日内/)
      .waitFor();
    await page
      .locator('[data-section="consequence"]')
      .getByText(/非法经营/)
      .waitFor();
    await page
      .locator('[data-section="platform"]')
      .getByText(/本平台不受理/)
      .waitFor();
    assert.equal(await page.getByRole('button', { name: /申请/ }).count(), 0);
    await snap(page, DIR, '04-wenwangwen');
    assert.deepEqual(errors, []);
  });
});
