import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AuthCodeFacts } from '../context.ts';
import {
  codesOf,
  ctx,
  filedSubject,
  H1,
  orgDraft,
  personalDraft,
  S1,
  server,
  UIN_A,
  USCC_1,
  USCC_2,
  violationsOf,
} from '../test-fixtures.ts';

const code = (over: Partial<AuthCodeFacts> = {}): AuthCodeFacts => ({
  code: 'AC-1',
  state: 'AVAILABLE',
  server: S1,
  ...over,
});

describe('R-ACC account and resource rules', () => {
  test('R-ACC-001: an account bound to one organisation cannot file another; its own subject passes', () => {
    const bound = ctx({
      account: { id: 'A', subject: { certificateNumber: USCC_1, type: 'ENTERPRISE', name: '广州示例科技有限公司' } },
    });
    assert.deepEqual(codesOf(orgDraft(), bound, 'R-ACC-001'), []);
    const other = orgDraft();
    other.subject = { ...other.subject, name: '广州另一科技有限公司', certificateNumber: USCC_2 };
    const v = violationsOf(other, bound, 'R-ACC-001');
    assert.deepEqual(
      v.map((x) => x.code),
      ['ACCOUNT_HAS_OTHER_SUBJECT'],
    );
    assert.match(v[0].fix?.zh ?? '', /备案授权码/);
  });
  test('R-ACC-001: the same organisation under its old number (registry knows both) is the same subject', () => {
    const c = ctx({
      account: { id: 'A', subject: { certificateNumber: '440101000000001', type: 'ENTERPRISE' } },
      registry: {
        subjects: [
          filedSubject({
            certificateNumber: '440101000000001',
            certificateType: 'BUSINESS_REGISTRATION',
            latestCertificateNumber: USCC_1,
          }),
        ],
        websites: [],
      },
    });
    assert.deepEqual(codesOf(orgDraft({ orderType: 'ADD_WEBSITE' }), c, 'R-ACC-001'), []);
  });
  test('R-ACC-002: personal ↔ organisation is refused with the new-account advice, and not twice', () => {
    const c = ctx({ account: { id: 'A', subject: { certificateNumber: 'X', type: 'PERSONAL', name: '张三' } } });
    const vs = violationsOf(orgDraft(), c).filter((v) => v.code === 'ACCOUNT_HAS_OTHER_SUBJECT');
    assert.deepEqual(
      vs.map((v) => v.rule),
      ['R-ACC-002'],
    );
    assert.match(vs[0].fix?.zh ?? '', /重新注册另一个账号/);
    assert.deepEqual(
      codesOf(
        personalDraft(),
        ctx({ account: { id: 'A', subject: { certificateNumber: USCC_1, type: 'ENTERPRISE' } } }),
        'R-ACC-002',
      ),
      ['ACCOUNT_HAS_OTHER_SUBJECT'],
    );
  });
  test('R-ACC-003: different accounts with different subjects may each have an order in flight', () => {
    const c = ctx({
      account: { id: 'B' },
      openOrders: [
        {
          id: 'O-A',
          provider: 'HERE',
          accountId: 'A',
          orderType: 'ADD_WEBSITE',
          state: 'PENDING_INITIAL_REVIEW',
          atBureau: false,
          subjectCertificateNumber: USCC_1,
          domains: ['example-a.cn'],
        },
      ],
    });
    const d = orgDraft();
    d.subject = { ...d.subject, name: '广州另一科技有限公司', certificateNumber: USCC_2 };
    assert.deepEqual(
      codesOf(d, c).filter((x) => ['ORDER_IN_FLIGHT', 'SUBJECT_CONFLICT', 'ACCOUNT_HAS_OTHER_SUBJECT'].includes(x)),
      [],
    );
  });
  test('R-ACC-004: a certificate bound to another account is refused with the masked account; own binding passes', () => {
    const c = ctx({ account: { id: 'B' }, registry: { subjects: [filedSubject()], websites: [] } });
    const v = violationsOf(orgDraft({ orderType: 'ADD_WEBSITE' }), c, 'R-ACC-004');
    assert.equal(v[0]?.code, 'SUBJECT_BOUND_TO_OTHER_ACCOUNT');
    assert.match(v[0].message.zh, /1000\*\*\*\*0001/);
    assert.doesNotMatch(JSON.stringify(v), new RegExp(UIN_A));
    assert.deepEqual(
      codesOf(
        orgDraft({ orderType: 'ADD_WEBSITE' }),
        ctx({ registry: { subjects: [filedSubject()], websites: [] } }),
        'R-ACC-004',
      ),
      [],
    );
  });
  test('R-ACC-014: the server owner need not match the subject or the domain owner', () => {
    const c = ctx({
      servers: [server({ accountId: 'Z' })],
      domains: { 'example-shop.cn': { registrantType: 'ORGANISATION', registrantName: '广州示例科技有限公司' } },
    });
    assert.deepEqual(codesOf(orgDraft(), c), []);
  });
  test('R-ACC-006: no eligible server and no code → NO_AVAILABLE_RESOURCE with both remedies', () => {
    const v = violationsOf(personalDraft(), ctx({ servers: [] }), 'R-ACC-006');
    assert.equal(v[0]?.code, 'NO_AVAILABLE_RESOURCE');
    assert.match(v[0].message.zh, /暂无可用资源/);
    assert.match(v[0].fix?.zh ?? '', /3 个月/);
    assert.match(v[0].fix?.zh ?? '', /备案授权码/);
    assert.deepEqual(codesOf(personalDraft(), ctx(), 'R-ACC-006'), []);
    assert.deepEqual(
      codesOf(personalDraft({ authCode: 'AC-1' }), ctx({ servers: [], authCode: code() }), 'R-ACC-006'),
      [],
    );
  });
  test('R-ACC-006 R-ACC-012: a server bought minutes ago gives the retry hint', () => {
    const s = server({ usableFrom: '2018-11-05T03:00:00.000Z' });
    const v = violationsOf(personalDraft(), ctx({ servers: [s], now: '2018-11-05T02:40:00.000Z' }), 'R-ACC-006');
    assert.match(v[0]?.message.zh ?? '', /30 分钟 ~ 1 小时/);
  });
  test('R-ACC-010: when the only server has expired the code is SERVER_EXPIRED, not NO_AVAILABLE_RESOURCE', () => {
    const c = ctx({ servers: [server({ purchasedOn: '2018-01-01', expiresOn: '2018-11-01' })] });
    assert.deepEqual(
      codesOf(personalDraft({ websites: [] }), c).filter((x) => x.startsWith('SERVER') || x.startsWith('NO_')),
      ['SERVER_EXPIRED'],
    );
    assert.deepEqual(codesOf(personalDraft(), ctx(), 'R-ACC-010'), []);
  });
  test('R-ACC-013: an order whose access server expired is flagged SERVER_EXPIRED', () => {
    const c = ctx({
      servers: [
        server({ purchasedOn: '2018-08-10', expiresOn: '2018-11-05' }),
        server({ id: 'S2', publicIpv4: '203.0.113.11' }),
      ],
    });
    assert.deepEqual(codesOf(personalDraft(), c, 'R-ACC-013'), ['SERVER_EXPIRED']);
    assert.deepEqual(codesOf(personalDraft(), ctx(), 'R-ACC-013'), []);
  });
  test('R-ACC-020: a valid code from another account satisfies the resource check', () => {
    const d = personalDraft({ authCode: 'AC-1' });
    assert.deepEqual(codesOf(d, ctx({ servers: [H1], authCode: code({ server: server({ accountId: 'Z' }) }) })), []);
  });
  test('R-ACC-023: unknown, consumed, invalid codes and codes of expired servers are AUTH_CODE_INVALID', () => {
    const d = personalDraft({ authCode: 'AC-7' });
    assert.deepEqual(codesOf(d, ctx({ servers: [], authCode: null }), 'R-ACC-023'), ['AUTH_CODE_INVALID']);
    assert.deepEqual(codesOf(d, ctx({ servers: [], authCode: code({ state: 'CONSUMED' }) }), 'R-ACC-023'), [
      'AUTH_CODE_INVALID',
    ]);
    assert.deepEqual(codesOf(d, ctx({ servers: [], authCode: code({ state: 'INVALID' }) }), 'R-ACC-023'), [
      'AUTH_CODE_INVALID',
    ]);
    const exp = violationsOf(
      d,
      ctx({ servers: [], authCode: code({ server: server({ purchasedOn: '2018-01-01', expiresOn: '2018-11-01' }) }) }),
      'R-ACC-023',
    );
    assert.match(exp[0]?.message.zh ?? '', /服务器已过期/);
    assert.deepEqual(codesOf(d, ctx({ servers: [], authCode: code() }), 'R-ACC-023'), []);
  });
  test('R-ACC-022: a code reserved by another order is CODE_IN_USE; by this order it is fine', () => {
    const d = personalDraft({ authCode: 'AC-8' });
    assert.deepEqual(
      codesOf(d, ctx({ servers: [], authCode: code({ state: 'RESERVED', reservedByOrderId: 'O-B' }) }), 'R-ACC-022'),
      ['CODE_IN_USE'],
    );
    assert.deepEqual(
      codesOf(
        d,
        ctx({ orderId: 'O-B', servers: [], authCode: code({ state: 'RESERVED', reservedByOrderId: 'O-B' }) }),
        'R-ACC-022',
      ),
      [],
    );
  });
  test('R-ACC-016: with a code, every access IP is the code server IP', () => {
    const d = personalDraft({ authCode: 'AC-1' });
    d.websites = [{ ...d.websites?.[0], accessIps: ['203.0.113.99'] }];
    const c = ctx({ servers: [], authCode: code() });
    assert.deepEqual(codesOf(d, c, 'R-ACC-016'), ['ACCESS_IP_MISMATCH']);
    assert.deepEqual(codesOf(personalDraft({ authCode: 'AC-1' }), c, 'R-ACC-016'), []);
  });
});
