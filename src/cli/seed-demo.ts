import type { Beian } from '../platform/beian.ts';
import { addMonthsIso, beijingToday } from './dates.ts';

export const DEMO_LOGINS = [
  { email: 'customer@demo.beian', password: 'demo-customer-1', role: 'customer', displayName: '演示客户' },
  { email: 'reviewer@demo.beian', password: 'demo-reviewer-1', role: 'reviewer', displayName: '初审专员' },
  { email: 'photo@demo.beian', password: 'demo-photo-1', role: 'photo_agent', displayName: '拍照点' },
  { email: 'admin@demo.beian', password: 'demo-admin-1', role: 'admin', displayName: '管理员' },
] as const;

const SEEDED_KEY = 'demo_seeded_at';

/** Seeds the demo provider once (issue 2 §1); a second run changes nothing. */
export async function seedDemo(beian: Beian): Promise<{ seeded: boolean }> {
  const { db } = beian.database;
  if (await db.selectFrom('settings').select('key').where('key', '=', SEEDED_KEY).executeTakeFirst())
    return { seeded: false };
  const system = { id: null, role: 'system' as const };
  for (const u of DEMO_LOGINS) {
    if (!(await beian.accounts.findUserByEmail(u.email))) await beian.accounts.createUser(u, system);
  }
  const today = beijingToday(beian.clock.now());
  const customer = await beian.accounts.findUserByEmail(DEMO_LOGINS[0].email);
  const accountNo = customer!.account_no;
  const minus = (m: number) => addMonthsIso(today, -m);
  const plus = (m: number) => addMonthsIso(today, m);
  await beian.servers.importMany(
    [
      {
        externalId: 'demo-cvm-gz-1',
        accountNo,
        name: '广州 CVM（包年包月 12 个月）',
        region: 'ap-guangzhou',
        regionKind: 'mainland',
        billingMode: 'prepaid',
        prepaidMonths: 12,
        purchasedAt: minus(1),
        expiresAt: plus(11),
        publicIp: '203.0.113.10',
      },
      {
        externalId: 'demo-cvm-sh-1',
        accountNo,
        name: '上海 CVM（包年包月 1 个月）',
        region: 'ap-shanghai',
        regionKind: 'mainland',
        billingMode: 'prepaid',
        prepaidMonths: 1,
        purchasedAt: today,
        expiresAt: plus(1),
        publicIp: '203.0.113.20',
      },
      {
        externalId: 'demo-cvm-bj-payg',
        accountNo,
        name: '北京 CVM（按量计费）',
        region: 'ap-beijing',
        regionKind: 'mainland',
        billingMode: 'postpaid',
        prepaidMonths: 0,
        purchasedAt: minus(2),
        expiresAt: plus(120),
        publicIp: '203.0.113.30',
      },
      {
        externalId: 'demo-cvm-cd-expired',
        accountNo,
        name: '成都 CVM（已过期）',
        region: 'ap-chengdu',
        regionKind: 'mainland',
        billingMode: 'prepaid',
        prepaidMonths: 6,
        purchasedAt: minus(7),
        expiresAt: minus(1),
        publicIp: '203.0.113.40',
      },
      {
        externalId: 'demo-clb-gz-1',
        accountNo,
        name: '广州负载均衡',
        region: 'ap-guangzhou',
        regionKind: 'mainland',
        billingMode: 'prepaid',
        prepaidMonths: 12,
        purchasedAt: minus(1),
        expiresAt: plus(11),
        publicIp: '203.0.113.50',
        isLoadBalancer: true,
      },
      {
        externalId: 'demo-cvm-hk-1',
        accountNo,
        name: '香港 CVM',
        region: 'ap-hongkong',
        regionKind: 'hongkong',
        billingMode: 'prepaid',
        prepaidMonths: 12,
        purchasedAt: minus(1),
        expiresAt: plus(11),
        publicIp: '198.51.100.10',
      },
    ],
    system,
  );
  // the demo servers were bought weeks ago and have long been in the inventory: usable at once, not after the
  // 30-minute sync of a new purchase (R-ACC-012), so a newcomer can file right after `npm start`
  await db
    .updateTable('servers')
    .set({ synced_at: beian.clock.now().getTime() - 86_400_000 })
    .where('external_id', 'like', 'demo-%')
    .execute();
  // The demo provider is also a registrar: facts for the domain rules (R-WEB-007..014), one per case the console shows.
  const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  const registrar = '演示云域名注册服务（Demo Cloud Registrar）';
  await beian.registrar.importMany(
    [
      // clean: verified long ago, registered to the demo person, no privacy protection
      {
        domain: 'zhangsan-demo-blog.cn',
        registrar,
        domesticQualified: true,
        realNameVerifiedOn: daysAgo(90),
        registrantType: 'PERSONAL',
        registrantName: '张三',
        privacyProtection: false,
        expiresOn: plus(12),
      },
      // verified yesterday: the bureau sees it only after 3 working days (R-WEB-010)
      {
        domain: 'zhangsan-demo-new.cn',
        registrar,
        domesticQualified: true,
        realNameVerifiedOn: daysAgo(1),
        registrantType: 'PERSONAL',
        registrantName: '张三',
        privacyProtection: false,
        expiresOn: plus(12),
      },
      // privacy protection on: refused in provinces where the owner must match (R-WEB-014, e.g. 上海, 江苏)
      {
        domain: 'zhangsan-demo-private.cn',
        registrar,
        domesticQualified: true,
        realNameVerifiedOn: daysAgo(120),
        registrantType: 'PERSONAL',
        registrantName: '张三',
        privacyProtection: true,
        expiresOn: plus(6),
      },
      // not real-name verified (R-WEB-009)
      {
        domain: 'zhangsan-demo-unverified.cn',
        registrar,
        domesticQualified: true,
        realNameVerifiedOn: null,
        registrantType: 'PERSONAL',
        registrantName: '张三',
        privacyProtection: false,
        expiresOn: plus(12),
      },
      // registered to a company: a personal filing of it is refused (R-WEB-011, R-WEB-012)
      {
        domain: 'example-demo-corp.cn',
        registrar,
        domesticQualified: true,
        realNameVerifiedOn: daysAgo(200),
        registrantType: 'ORGANISATION',
        registrantName: '示例科技有限公司',
        privacyProtection: false,
        expiresOn: plus(24),
      },
      // held at a registrar without mainland qualification (R-WEB-007)
      {
        domain: 'zhangsan-demo-overseas.com',
        registrar: 'Overseas Registrar Inc.',
        domesticQualified: false,
        realNameVerifiedOn: null,
        privacyProtection: true,
        expiresOn: plus(3),
      },
    ],
    system,
  );
  await db
    .insertInto('settings')
    .values({ key: SEEDED_KEY, value: new Date().toISOString(), updated_at: Date.now() })
    .execute();
  return { seeded: true };
}
