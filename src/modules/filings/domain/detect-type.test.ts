import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type AccountSubject,
  checkBindingAndConcurrency,
  checkPostFilingOrder,
  type DetectedType,
  type DomainFacts,
  type DomainFiling,
  detectOrderType,
  type PostFilingFacts,
  recheckOrderType,
  type SubjectFiling,
  type VerifyFacts,
  type VerifyResult,
  verifyOrderType,
} from './detect-type.ts';
import { decideCreate } from './transitions.ts';

// §15 conventions: accounts A, B; companies and people; P2 is another provider.
const A = '100000000001';
const B = '100000000002';
const COMPANY = { certType: 'USCC', certNumber: '91440101MA5CUSCC1X', name: '广州示例科技有限公司' };
const COMPANY_OLD = {
  certType: 'BUSINESS_LICENCE_REG_NO',
  certNumber: '440101000000001',
  name: '广州示例科技有限公司',
};
const OTHER_COMPANY = { certType: 'USCC', certNumber: '91440101MA5CUSCC2X', name: '广州另一科技有限公司' };
const TRAVEL = { certType: 'USCC', certNumber: '91330100MA2TRAVEL3', name: '杭州示例旅游有限公司' };
const ZHANGSAN = { certType: 'RESIDENT_ID', certNumber: '440101199001011234', name: '张三' };

function facts(over: Partial<VerifyFacts> = {}): VerifyFacts {
  return {
    accountId: A,
    accountSubject: null,
    accountOrderStates: [],
    entered: COMPANY,
    subjectBoundAccountId: null,
    subjectFiling: null,
    subjectInFlightElsewhere: false,
    domains: [unfiled('example-shop.cn')],
    ...over,
  };
}

function unfiled(domain: string, inFlightElsewhere = false): DomainFacts {
  return { domain, inFlightElsewhere, filing: null };
}

function filed(domain: string, f: Partial<DomainFiling> = {}): DomainFacts {
  return {
    domain,
    inFlightElsewhere: false,
    filing: {
      websiteFilingNumber: '浙ICP备18000002号-1',
      subjectFilingNumber: '浙ICP备18000002号',
      subjectName: TRAVEL.name,
      subjectCertNumber: TRAVEL.certNumber,
      accessedHere: false,
      subjectBoundAccountId: null,
      ...f,
    },
  };
}

function subjectFiling(over: Partial<SubjectFiling> = {}): SubjectFiling {
  return {
    filingNumber: '浙ICP备18000002号',
    subjectName: TRAVEL.name,
    accessedHere: false,
    oldCertOnRecord: false,
    principalIdExpired: false,
    filedDomainNotHeld: null,
    ...over,
  };
}

function bound(subject: typeof COMPANY, over: Partial<AccountSubject> = {}): AccountSubject {
  return { ...subject, accessedHere: false, oldCertOnRecord: false, ...over };
}

function detected(r: VerifyResult): DetectedType {
  if (!r.ok) assert.fail(`expected a type, got ${r.code}: ${r.message.en}`);
  return r;
}

function refusedWith(r: VerifyResult | ReturnType<typeof checkBindingAndConcurrency>, code: string) {
  assert.ok(r && !r.ok, `expected refusal ${code}`);
  assert.equal(r.code, code);
  return r;
}

describe('R-ORD-004 type detection table', () => {
  test('R-ORD-004 row 1: subject and domain unfiled → FIRST', () => {
    const r = detected(verifyOrderType(facts()));
    assert.equal(r.type, 'FIRST');
    assert.equal(r.variant, null);
    assert.equal(r.prefill, 'NONE');
  });

  test('R-ORD-004 row 2: filed subject, unfiled domain → ADD_WEBSITE with or without subject', () => {
    const base = { entered: TRAVEL, accountSubject: bound(TRAVEL) };
    const withS = detected(verifyOrderType(facts({ ...base, subjectFiling: subjectFiling({ accessedHere: true }) })));
    assert.deepEqual([withS.type, withS.variant, withS.prefill], ['ADD_WEBSITE', 'WITH_SUBJECT', 'SUBJECT']);
    assert.equal(withS.subjectFilingNumber, '浙ICP备18000002号');
    const without = detected(verifyOrderType(facts({ ...base, subjectFiling: subjectFiling() })));
    assert.deepEqual([without.type, without.variant], ['ADD_WEBSITE', 'WITHOUT_SUBJECT']);
  });

  test('FAQ-007 FAQ-015 R-ORD-004 R-ORD-032: a domain filed under this subject at P2 only → ACCESS (without-subject), prefilled read-only', () => {
    const r = detected(
      verifyOrderType(
        facts({
          accountId: B,
          entered: TRAVEL,
          accountSubject: bound(TRAVEL),
          subjectBoundAccountId: B,
          subjectFiling: subjectFiling(),
          domains: [filed('example-travel.cn', { subjectBoundAccountId: B })],
        }),
      ),
    );
    assert.deepEqual([r.type, r.variant, r.prefill], ['ACCESS', 'WITHOUT_SUBJECT', 'SUBJECT_AND_WEBSITES']);
  });

  test('R-ORD-004 row 4: a domain already accessed here → ALREADY_ACCESSED pointing to CHANGE_WEBSITE', () => {
    const r = verifyOrderType(
      facts({
        entered: TRAVEL,
        subjectFiling: subjectFiling({ accessedHere: true }),
        domains: [filed('example-travel.cn', { accessedHere: true })],
      }),
    );
    assert.match(refusedWith(r, 'ALREADY_ACCESSED').message.zh, /变更网站/);
  });

  test('R-ORD-004 row 5 R-ORD-033(a): certificate → filing A, domain → filing B, same name → ACCESS_DATA_INCONSISTENT naming both', () => {
    const r = verifyOrderType(
      facts({
        entered: TRAVEL,
        subjectFiling: subjectFiling({ filingNumber: '浙ICP备18000002号' }),
        domains: [filed('example-travel.cn', { subjectFilingNumber: '浙ICP备17009999号' })],
      }),
    );
    const msg = refusedWith(r, 'ACCESS_DATA_INCONSISTENT').message.zh;
    assert.match(msg, /浙ICP备18000002号/);
    assert.match(msg, /浙ICP备17009999号/);
  });

  test('FAQ-067 R-ORD-005 R-ORD-004 row 6: new USCC entered, domain filed under the same name with the old number → DOMAIN_ALREADY_FILED with 情况二 guidance', () => {
    const r = verifyOrderType(
      facts({
        accountSubject: bound(COMPANY_OLD, { oldCertOnRecord: true }),
        domains: [
          filed('example-shop.cn', {
            subjectName: COMPANY.name,
            subjectCertNumber: COMPANY_OLD.certNumber,
            subjectFilingNumber: '粤ICP备16000001号',
          }),
        ],
      }),
    );
    const refusal = refusedWith(r, 'DOMAIN_ALREADY_FILED');
    assert.equal(refusal.variant, 'CASE_TWO');
    assert.match(refusal.message.zh, /440101000000001/);
    assert.match(refusal.message.zh, /原证件号码/);
  });

  test('FAQ-078 R-SUB-005: entering the old number recognises ACCESS (without-subject) and marks the entered number as old', () => {
    const r = detected(
      verifyOrderType(
        facts({
          entered: COMPANY_OLD,
          accountSubject: bound(COMPANY_OLD, { oldCertOnRecord: true }),
          subjectFiling: subjectFiling({
            subjectName: COMPANY.name,
            filingNumber: '粤ICP备16000001号',
            oldCertOnRecord: true,
          }),
          domains: [filed('example-shop.cn', { subjectName: COMPANY.name, subjectFilingNumber: '粤ICP备16000001号' })],
        }),
      ),
    );
    assert.deepEqual([r.type, r.variant, r.enteredCertIsOld], ['ACCESS', 'WITHOUT_SUBJECT', true]);
  });

  test('R-ORD-004 row 7 R-WEB-004: a domain filed under a differently named subject → DOMAIN_ALREADY_FILED, no account disclosed', () => {
    const r = verifyOrderType(facts({ domains: [filed('example-travel.cn', { subjectBoundAccountId: B })] }));
    const refusal = refusedWith(r, 'DOMAIN_ALREADY_FILED');
    assert.equal(refusal.variant, undefined);
    assert.doesNotMatch(refusal.message.zh, /\*\*\*\*/);
  });

  test('FAQ-077 R-ORD-009 R-ORD-004 row 8: a domain in flight at P2 → DOMAIN_CONFLICT', () => {
    const r = verifyOrderType(facts({ entered: ZHANGSAN, domains: [unfiled('example-race.cn', true)] }));
    assert.match(refusedWith(r, 'DOMAIN_CONFLICT').message.zh, /备案域名冲突/);
  });

  test('FAQ-076 R-ORD-008: the subject in flight at P2 → SUBJECT_CONFLICT', () => {
    const r = verifyOrderType(
      facts({
        accountSubject: bound(COMPANY),
        subjectFiling: subjectFiling({ subjectName: COMPANY.name }),
        subjectInFlightElsewhere: true,
        domains: [unfiled('example-new2.cn')],
      }),
    );
    assert.match(refusedWith(r, 'SUBJECT_CONFLICT').message.zh, /备案主办者冲突/);
  });

  test('R-ORD-006: the certificate is on record under a different subject name → INFO_CONFLICT with the filing number', () => {
    const r = verifyOrderType(
      facts({ subjectFiling: subjectFiling({ subjectName: '别的名称有限公司', filingNumber: '粤ICP备15000009号' }) }),
    );
    assert.match(refusedWith(r, 'INFO_CONFLICT').message.zh, /粤ICP备15000009号/);
  });

  test('FAQ-028 R-ORD-011: one ACCESS domain and one new domain → MIXED_ORDER_TYPES listing each domain’s type', () => {
    const r = verifyOrderType(
      facts({
        accountId: B,
        entered: TRAVEL,
        accountSubject: bound(TRAVEL),
        subjectFiling: subjectFiling(),
        domains: [filed('example-travel.cn'), unfiled('example-travel2.cn')],
      }),
    );
    const refusal = refusedWith(r, 'MIXED_ORDER_TYPES');
    assert.match(refusal.message.en, /example-travel\.cn → ACCESS/);
    assert.match(refusal.message.en, /example-travel2\.cn → ADD_WEBSITE/);
    assert.match(refusal.message.zh, /先办理接入备案/);
  });

  test('R-ORD-003: the first failing domain is returned with every domain’s classification', () => {
    const r = verifyOrderType(facts({ domains: [unfiled('example-a.cn'), unfiled('example-b.cn', true)] }));
    assert.ok(!r.ok);
    assert.equal(r.code, 'DOMAIN_CONFLICT');
    assert.deepEqual(
      r.domains?.map((d) => ('type' in d ? d.type : d.error.code)),
      ['FIRST', 'DOMAIN_CONFLICT'],
    );
  });

  test('R-ORD-003: at least one domain is required', () => {
    refusedWith(verifyOrderType(facts({ domains: [] })), 'NO_DOMAINS');
  });
});

describe('verify-step preconditions of ADD_WEBSITE and ACCESS', () => {
  test('FAQ-085 R-SUB-004: a subject accessed here whose record holds the old number → CERT_CHANGE_REQUIRED', () => {
    // Entering the new USCC while the account's subject is on record under the old number…
    const r1 = verifyOrderType(
      facts({ accountSubject: bound(COMPANY_OLD, { accessedHere: true, oldCertOnRecord: true }) }),
    );
    refusedWith(r1, 'CERT_CHANGE_REQUIRED');
    // …or entering the old number itself.
    const r2 = verifyOrderType(
      facts({
        entered: COMPANY_OLD,
        accountSubject: bound(COMPANY_OLD, { accessedHere: true, oldCertOnRecord: true }),
        subjectFiling: subjectFiling({ subjectName: COMPANY.name, accessedHere: true, oldCertOnRecord: true }),
      }),
    );
    refusedWith(r2, 'CERT_CHANGE_REQUIRED');
    // After the CHANGE_SUBJECT to the USCC is approved the ADD_WEBSITE is accepted.
    const after = verifyOrderType(
      facts({
        accountSubject: bound(COMPANY, { accessedHere: true }),
        subjectFiling: subjectFiling({ subjectName: COMPANY.name, accessedHere: true }),
      }),
    );
    assert.equal(detected(after).type, 'ADD_WEBSITE');
  });

  test('R-SUB-005: the same organisation filed elsewhere under its old number, new domain, new USCC entered → ENTER_ORIGINAL_CERT_NUMBER', () => {
    const r = verifyOrderType(facts({ accountSubject: bound(COMPANY_OLD, { oldCertOnRecord: true }) }));
    assert.match(refusedWith(r, 'ENTER_ORIGINAL_CERT_NUMBER').message.zh, /440101000000001/);
  });

  test('R-SUB-027: a filed principal’s expired ID blocks ADD_WEBSITE and ACCESS with CHANGE_REQUIRED', () => {
    const r = verifyOrderType(facts({ entered: TRAVEL, subjectFiling: subjectFiling({ principalIdExpired: true }) }));
    const refusal = refusedWith(r, 'CHANGE_REQUIRED');
    assert.equal(refusal.variant, 'PRINCIPAL_ID_EXPIRED');
  });

  test('FAQ-109 R-CHG-015: a single-website subject that lost its filed domain → FILED_DOMAIN_NOT_HELD, directing to CANCEL_SUBJECT then FIRST', () => {
    const r = verifyOrderType(
      facts({
        entered: ZHANGSAN,
        subjectFiling: subjectFiling({
          subjectName: ZHANGSAN.name,
          filedDomainNotHeld: { domain: 'example-lost.cn', websiteCount: 1 },
        }),
        domains: [unfiled('example-new.cn')],
      }),
    );
    const refusal = refusedWith(r, 'FILED_DOMAIN_NOT_HELD');
    assert.match(refusal.message.en, /CANCEL_SUBJECT/);
    assert.match(refusal.message.zh, /example-lost\.cn/);
  });

  test('R-CHG-015: with several websites the lighter remedies are offered (CANCEL_WEBSITE / CHANGE_WEBSITE)', () => {
    const r = verifyOrderType(
      facts({
        entered: TRAVEL,
        subjectFiling: subjectFiling({ filedDomainNotHeld: { domain: 'example-lost.cn', websiteCount: 3 } }),
      }),
    );
    const refusal = refusedWith(r, 'FILED_DOMAIN_NOT_HELD');
    assert.equal(refusal.variant, 'MULTI_WEBSITE');
    assert.match(refusal.message.en, /CANCEL_WEBSITE/);
  });
});

describe('account and subject binding (R-ACC-001..004) and one order in flight (R-ORD-007)', () => {
  test('FAQ-020 R-ACC-001 R-ACC-003: account A bound to USCC-1 cannot verify USCC-2; account B can, at the same time', () => {
    const a = verifyOrderType(
      facts({ entered: OTHER_COMPANY, accountSubject: bound(COMPANY), accountOrderStates: ['PENDING_INITIAL_REVIEW'] }),
    );
    refusedWith(a, 'ACCOUNT_HAS_OTHER_SUBJECT');
    // Account A's own ADD_WEBSITE in flight does not stop account B (a different account) from filing USCC-2.
    const b = verifyOrderType(facts({ accountId: B, entered: OTHER_COMPANY }));
    assert.equal(detected(b).type, 'FIRST');
  });

  test('FAQ-044 FAQ-046 FAQ-061 R-ACC-001 R-ACC-002: a personal subject’s account cannot file a company, whatever the order’s state; the message advises a new account and an authorisation code', () => {
    for (const states of [['PENDING_INITIAL_REVIEW'], ['PENDING_BUREAU'], ['APPROVED']] as const) {
      const r = verifyOrderType(
        facts({ entered: COMPANY, accountSubject: bound(ZHANGSAN), accountOrderStates: states }),
      );
      const refusal = refusedWith(r, 'ACCOUNT_HAS_OTHER_SUBJECT');
      assert.match(refusal.message.zh, /重新注册另一个账号/);
      assert.match(refusal.message.zh, /备案授权码/);
    }
    // FAQ-046: in a new account B the company yields FIRST.
    assert.equal(detected(verifyOrderType(facts({ accountId: B }))).type, 'FIRST');
  });

  test('R-ACC-002: the same person as an individual and as a sole trader are different subjects', () => {
    const soleTrader = { certType: 'USCC', certNumber: '92440101MA5SOLE01', name: '张三' };
    refusedWith(
      verifyOrderType(facts({ entered: soleTrader, accountSubject: bound(ZHANGSAN) })),
      'ACCOUNT_HAS_OTHER_SUBJECT',
    );
  });

  test('FAQ-075 FAQ-079 R-ACC-004: a certificate bound to account A, entered in account B → SUBJECT_BOUND_TO_OTHER_ACCOUNT with 1000****0001', () => {
    const r = verifyOrderType(facts({ accountId: B, subjectBoundAccountId: A }));
    const refusal = refusedWith(r, 'SUBJECT_BOUND_TO_OTHER_ACCOUNT');
    assert.match(refusal.message.zh, /证件已在其他账号下有备案记录/);
    assert.match(refusal.message.zh, /1000\*\*\*\*0001/);
    assert.match(refusal.message.zh, /备案转移/);
    assert.doesNotMatch(refusal.message.zh, /100000000001/);
  });

  test('FAQ-081 R-ACC-004: the domain of the same-name subject bound to account A, entered in account B → SUBJECT_BOUND_TO_OTHER_ACCOUNT', () => {
    const r = verifyOrderType(
      facts({
        accountId: B,
        domains: [
          filed('example-shop.cn', {
            subjectName: COMPANY.name,
            subjectCertNumber: COMPANY.certNumber,
            subjectBoundAccountId: A,
          }),
        ],
      }),
    );
    assert.match(refusedWith(r, 'SUBJECT_BOUND_TO_OTHER_ACCOUNT').message.en, /1000\*\*\*\*0001/);
  });

  test('FAQ-180 R-REJ-005 R-ORD-007: a rejected order still in flight blocks a new order', () => {
    refusedWith(
      verifyOrderType(facts({ accountSubject: bound(COMPANY), accountOrderStates: ['APPROVED', 'INITIAL_REJECTED'] })),
      'ORDER_IN_FLIGHT',
    );
  });

  test('R-ORD-003: binding is checked before the one-order limit, which is checked before the bureau lookup', () => {
    const r = checkBindingAndConcurrency(
      facts({
        entered: OTHER_COMPANY,
        accountSubject: bound(COMPANY),
        accountOrderStates: ['DRAFT'],
        subjectInFlightElsewhere: true,
      }),
    );
    refusedWith(r, 'ACCOUNT_HAS_OTHER_SUBJECT');
    const r2 = verifyOrderType(
      facts({ accountSubject: bound(COMPANY), accountOrderStates: ['DRAFT'], subjectInFlightElsewhere: true }),
    );
    refusedWith(r2, 'ORDER_IN_FLIGHT');
    assert.equal(checkBindingAndConcurrency(facts({ subjectInFlightElsewhere: true })), null);
  });

  test('FAQ-030 R-ACC-020 R-ACC-021: account B with no subject verifies with a code, and creating the order reserves it', () => {
    const r = detected(verifyOrderType(facts({ accountId: B })));
    assert.equal(r.type, 'FIRST');
    const created = decideCreate(
      { type: r.type, initiator: 'customer', authCodeId: 'AC-1', bureauWorkingDays: 20 },
      { role: 'customer' },
    );
    assert.ok(created.ok);
    assert.deepEqual(created.codeEffect, { codeId: 'AC-1', from: 'AVAILABLE', to: 'RESERVED' });
  });
});

describe('R-ORD-010 re-check between verify and bureau', () => {
  test('FAQ-178 R-ORD-010: a FIRST order whose subject got a filing number meanwhile → WRONG_ORDER_TYPE', () => {
    const now = facts({ subjectFiling: subjectFiling({ subjectName: COMPANY.name }) });
    const r = recheckOrderType('FIRST', now);
    assert.equal(r?.code, 'WRONG_ORDER_TYPE');
    assert.match(r?.message.zh ?? '', /备案类型提交错误/);
    assert.equal(recheckOrderType('FIRST', facts()), null);
  });

  test('FAQ-179 R-ORD-009: a domain that went in flight elsewhere after verify → DOMAIN_CONFLICT', () => {
    const r = recheckOrderType('FIRST', facts({ entered: ZHANGSAN, domains: [unfiled('example-race2.cn', true)] }));
    assert.equal(r?.code, 'DOMAIN_CONFLICT');
  });
});

describe('change and cancellation preconditions (R-CHG-006, R-CHG-013, R-CHG-018)', () => {
  function post(over: Partial<PostFilingFacts> = {}): PostFilingFacts {
    return {
      type: 'CHANGE_SUBJECT',
      initiator: 'customer',
      accountId: A,
      subjectBoundAccountId: A,
      websites: [
        { id: 'w1', label: 'example-shop.cn', accessedHere: true },
        { id: 'w2', label: 'example-blog.cn', accessedHere: true },
      ],
      targetWebsiteIds: [],
      accountOrderStates: ['APPROVED'],
      ...over,
    };
  }

  test('FAQ-211 R-CHG-006: a subject accessed here may change; one filed only at P2 is told to change there', () => {
    assert.equal(checkPostFilingOrder(post()), null);
    const r = checkPostFilingOrder(
      post({
        accountId: B,
        subjectBoundAccountId: B,
        websites: [{ id: 'w9', label: 'example-travel.cn', accessedHere: false }],
      }),
    );
    assert.equal(r?.code, 'SUBJECT_NOT_ACCESSED_HERE');
  });

  test('FAQ-217 R-ORD-016 R-ORD-007: no change order while another order is at the bureau', () => {
    assert.equal(checkPostFilingOrder(post({ accountOrderStates: ['PENDING_BUREAU'] }))?.code, 'ORDER_IN_FLIGHT');
  });

  test('R-CHG-006: CHANGE_WEBSITE / CANCEL_ACCESS only target websites accessed here', () => {
    const websites = [
      { id: 'w1', label: 'example-shop.cn', accessedHere: true },
      { id: 'w2', label: 'example-elsewhere.cn', accessedHere: false },
    ];
    const r = checkPostFilingOrder(post({ type: 'CHANGE_WEBSITE', websites, targetWebsiteIds: ['w2'] }));
    assert.equal(r?.code, 'WEBSITE_NOT_ACCESSED_HERE');
    assert.match(r?.message.zh ?? '', /example-elsewhere\.cn/);
    assert.equal(checkPostFilingOrder(post({ type: 'CANCEL_ACCESS', websites, targetWebsiteIds: ['w1'] })), null);
    assert.equal(checkPostFilingOrder(post({ type: 'CANCEL_ACCESS', targetWebsiteIds: [] }))?.code, 'NO_TARGETS');
  });

  test('FAQ-231 R-CHG-013: cancelling website -1 of two is allowed; cancelling the last one points to CANCEL_SUBJECT', () => {
    assert.equal(checkPostFilingOrder(post({ type: 'CANCEL_WEBSITE', targetWebsiteIds: ['w1'] })), null);
    const single = post({
      type: 'CANCEL_WEBSITE',
      websites: [{ id: 'w1', label: 'example-zs.cn', accessedHere: true }],
      targetWebsiteIds: ['w1'],
    });
    assert.equal(checkPostFilingOrder(single)?.code, 'LAST_WEBSITE_USE_CANCEL_SUBJECT');
    assert.equal(
      checkPostFilingOrder(post({ type: 'CANCEL_WEBSITE', targetWebsiteIds: ['w1', 'w2'] }))?.code,
      'LAST_WEBSITE_USE_CANCEL_SUBJECT',
    );
  });

  test('R-CHG-006: an account not bound to the subject cannot change it; the provider’s own cancel access needs no binding (R-CHG-018)', () => {
    assert.equal(checkPostFilingOrder(post({ accountId: B }))?.code, 'NOT_BOUND_TO_SUBJECT');
    assert.equal(
      checkPostFilingOrder(
        post({ type: 'CANCEL_ACCESS', initiator: 'provider', accountId: 'staff', targetWebsiteIds: ['w1'] }),
      ),
      null,
    );
  });

  test('R-CHG-011: CANCEL_SUBJECT needs no website selection', () => {
    assert.equal(checkPostFilingOrder(post({ type: 'CANCEL_SUBJECT' })), null);
  });
});

test('R-ORD-004: detectOrderType alone (step 7) ignores binding, which step 1 handles', () => {
  const r = detectOrderType(facts({ accountId: B, subjectBoundAccountId: A }));
  assert.equal(detected(r).type, 'FIRST');
});
