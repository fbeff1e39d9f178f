import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { authCodeGenerationRefusal, ipChangeFilingRequired, serverEligibility } from './eligibility.ts';
import { H1, S1, server, TODAY } from './test-fixtures.ts';

const codes = (s: Parameters<typeof serverEligibility>[0], now?: string) =>
  serverEligibility(s, TODAY, { now }).reasons.map((r) => `${r.rule}:${r.code}`);

describe('serverEligibility', () => {
  test('a mainland prepaid 12-month server with a public IP is eligible', () => {
    assert.deepEqual(serverEligibility(S1, TODAY), { eligible: true, reasons: [] });
  });
  test('R-ACC-007: a Hong Kong server is not eligible and the reason says it needs no filing', () => {
    const r = serverEligibility(H1, TODAY);
    assert.equal(r.eligible, false);
    assert.deepEqual(codes(H1), ['R-ACC-007:NOT_MAINLAND']);
    assert.match(r.reasons[0].message.zh, /无需备案/);
  });
  test('R-ACC-008: pay-as-you-go (trial) servers are not eligible', () => {
    assert.deepEqual(codes(server({ billing: 'PAY_AS_YOU_GO' })), ['R-ACC-008:BILLING_NOT_ELIGIBLE']);
  });
  test('R-ACC-009: the prepaid term must be ≥ 3 calendar months, renewals included', () => {
    assert.deepEqual(codes(server({ purchasedOn: '2018-10-01', expiresOn: '2018-12-01' })), [
      'R-ACC-009:BILLING_NOT_ELIGIBLE',
    ]);
    assert.deepEqual(
      codes(server({ purchasedOn: '2018-11-05', expiresOn: '2019-02-05' })),
      [],
      'exactly 3 months passes (FAQ-026)',
    );
    assert.deepEqual(codes(server({ purchasedOn: '2018-11-05', expiresOn: '2019-02-04' })), [
      'R-ACC-009:BILLING_NOT_ELIGIBLE',
    ]);
    assert.deepEqual(
      codes(server({ purchasedOn: '2018-10-01', expiresOn: '2018-12-01', prepaidMonths: 3 })),
      [],
      'billing-stated term wins',
    );
  });
  test('R-ACC-010: expired from the expiry day on', () => {
    assert.deepEqual(codes(server({ expiresOn: TODAY, purchasedOn: '2018-01-01' })), ['R-ACC-010:SERVER_EXPIRED']);
    assert.deepEqual(codes(server({ expiresOn: '2018-11-06', purchasedOn: '2018-01-01' })), []);
  });
  test('R-ACC-011: a public IPv4 is required', () => {
    assert.deepEqual(codes(server({ publicIpv4: null })), ['R-ACC-011:NO_PUBLIC_IP']);
    assert.deepEqual(codes(server({ publicIpv4: '10.0.0.8' })), ['R-ACC-011:NO_PUBLIC_IP']);
  });
  test('R-ACC-012: a server still syncing is not usable yet, with the retry hint', () => {
    const s = server({ usableFrom: '2018-11-05T02:30:00.000Z' });
    assert.deepEqual(codes(s, '2018-11-05T02:00:00.000Z'), ['R-ACC-012:NOT_YET_SYNCED']);
    assert.match(
      serverEligibility(s, TODAY, { now: '2018-11-05T02:00:00.000Z' }).reasons[0].message.zh,
      /30 分钟 ~ 1 小时/,
    );
    assert.deepEqual(codes(s, '2018-11-05T02:30:00.000Z'), []);
  });
});

describe('authCodeGenerationRefusal — R-ACC-017, R-ACC-018', () => {
  test('FAQ-245 R-ACC-017 R-ACC-007: an account with only a Hong Kong server gets NO_ASSOCIATED_SERVER', () => {
    const r = authCodeGenerationRefusal(H1, [H1], TODAY);
    assert.equal(r?.code, 'NO_ASSOCIATED_SERVER');
    assert.match(r?.message.zh ?? '', /没有关联云服务器/);
    assert.match(r?.message.zh ?? '', /香港服务器无需备案/);
  });
  test('R-ACC-017: each condition has its reason', () => {
    assert.equal(authCodeGenerationRefusal(S1, [S1], TODAY), null);
    assert.equal(authCodeGenerationRefusal(server({ publicIpv4: null }), [S1], TODAY)?.code, 'NO_PUBLIC_IP');
    assert.equal(authCodeGenerationRefusal(server({ loadBalancer: true }), [S1], TODAY)?.code, 'LOAD_BALANCER_IP');
    assert.equal(
      authCodeGenerationRefusal(server({ billing: 'PAY_AS_YOU_GO' }), [S1], TODAY)?.code,
      'BILLING_NOT_ELIGIBLE',
    );
    assert.equal(authCodeGenerationRefusal(H1, [S1, H1], TODAY)?.code, 'NOT_MAINLAND');
    assert.equal(authCodeGenerationRefusal(server({ expiresOn: '2018-11-01' }), [S1], TODAY)?.code, 'SERVER_EXPIRED');
    assert.equal(authCodeGenerationRefusal(undefined, [S1], TODAY)?.code, 'NO_ASSOCIATED_SERVER');
  });
  test('FAQ-238 R-ACC-018: the 6th code for a server is refused, consumed codes included', () => {
    assert.equal(authCodeGenerationRefusal(server({ authCodesGenerated: 4 }), [S1], TODAY), null);
    assert.equal(authCodeGenerationRefusal(server({ authCodesGenerated: 5 }), [S1], TODAY)?.code, 'CODE_LIMIT_REACHED');
  });
  test('FAQ-021 R-ACC-018 R-ACC-015: after 5 codes for S1 the 6th request is CODE_LIMIT_REACHED', () => {
    const s = server({ authCodesGenerated: 5 });
    assert.equal(authCodeGenerationRefusal(s, [s], TODAY)?.rule, 'R-ACC-018');
  });
});

describe('ipChangeFilingRequired — R-CHG-007', () => {
  test('FAQ-010 R-CHG-007: a non-commercial website may move to another IP of the provider without an order', () => {
    assert.equal(
      ipChangeFilingRequired({ commercialLicensed: false, accessIps: ['203.0.113.10'] }, ['203.0.113.12']),
      false,
    );
  });
  test('R-CHG-007: a commercially licensed website whose IP left the account needs CHANGE_ACCESS', () => {
    assert.equal(
      ipChangeFilingRequired({ commercialLicensed: true, accessIps: ['203.0.113.10'] }, ['203.0.113.12']),
      true,
    );
    assert.equal(
      ipChangeFilingRequired({ commercialLicensed: true, accessIps: ['203.0.113.10'] }, [
        '203.0.113.10',
        '203.0.113.12',
      ]),
      false,
    );
  });
});
