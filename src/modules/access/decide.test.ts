import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideAccess } from './decide.ts';
import { NonMainlandServers } from './gateway.ts';
import { AccessSnapshot, encodeAccess } from './snapshot.ts';

// FAQ fixtures: S1/S2 are mainland servers, H1 is in Hong Kong (ap-hongkong)
const S1 = '203.0.113.10';
const S2 = '203.0.113.11';
const H1 = '198.51.100.10';

function world() {
  const snapshot = new AccessSnapshot();
  snapshot.set('example-shop.cn', encodeAccess('allow', 'FILED'));
  snapshot.set('example-ok.cn', encodeAccess('allow', 'FILED'));
  snapshot.set('example-shop.com.cn', encodeAccess('allow', 'FILED'));
  snapshot.set('example-travel.cn', encodeAccess('block', 'NOT_ACCESSED_HERE'));
  snapshot.set('example-b.cn', encodeAccess('temp_allow', 'ACCESS_IN_REVIEW'));
  snapshot.set('example-c.cn', encodeAccess('block', 'FILING_CANCELLED'));
  snapshot.set('example-new.cn', encodeAccess('block', 'FILING_IN_PROGRESS'));
  const regions = new NonMainlandServers();
  regions.replace([H1, '2001:db8::10', 'not-an-address']);
  const decide = (host: string | undefined, ip?: string) => decideAccess(snapshot, regions, host, ip);
  return { snapshot, regions, decide };
}

describe('access decision per request', () => {
  it('FAQ-001 FAQ-060 R-ACS-001 R-ACS-003 R-ACS-006: an unfiled domain is served on H1 (non-mainland) and blocked NOT_FILED on S1', () => {
    const { decide } = world();
    assert.deepEqual(decide('example-unfiled.cn', H1), { status: 200, reason: 'NON_MAINLAND', domain: null });
    assert.deepEqual(decide('example-unfiled.cn', S1), {
      status: 403,
      reason: 'NOT_FILED',
      domain: 'example-unfiled.cn',
    });
    // without a server address the mainland rule applies (the gateway sits in front of mainland servers)
    assert.equal(decide('example-unfiled.cn').status, 403);
  });

  it('R-ACS-003: a non-mainland server is recognised whatever form the edge gives its address in', () => {
    const { decide } = world();
    assert.equal(decide('example-unfiled.cn', `::ffff:${H1}`).reason, 'NON_MAINLAND');
    assert.equal(decide('example-unfiled.cn', '2001:0DB8:0000::10').reason, 'NON_MAINLAND');
    assert.equal(decide('example-unfiled.cn', '[2001:db8:0:0:0:0:0:10]').reason, 'NON_MAINLAND');
    assert.equal(decide('example-unfiled.cn', '2001:db8::11').status, 403);
    assert.equal(decide('example-unfiled.cn', 'not-an-ip').status, 403, 'junk in X-Server-Ip never unblocks');
  });

  it('FAQ-005 FAQ-290 R-ACS-004 R-ACS-013: IP-literal access and a missing Host are served; only the unfiled domain is blocked', () => {
    const { decide } = world();
    assert.deepEqual(decide(S1, S1), { status: 200, reason: 'NO_DOMAIN', domain: null });
    assert.equal(decide(`${S1}:8080`, S1).status, 200);
    assert.equal(decide(undefined, S1).status, 200);
    assert.equal(decide('example-bad.cn', S1).status, 403);
    assert.equal(decide('example-ok.cn', S1).status, 200);
  });

  it('FAQ-006 R-ACS-005: blog.example-shop.cn is served because example-shop.cn is filed and accessed here', () => {
    const { decide } = world();
    assert.deepEqual(decide('blog.example-shop.cn', S1), { status: 200, reason: 'FILED', domain: 'example-shop.cn' });
  });

  it('FAQ-054 FAQ-002 R-ACS-005: mail. of an unfiled domain is blocked NOT_FILED, mail. of a filed one is served', () => {
    const { decide } = world();
    assert.equal(decide('mail.example-mail.cn:443', S1).reason, 'NOT_FILED');
    assert.equal(decide('mail.example-mail.cn:443', S1).status, 403);
    assert.equal(decide('mail.example-shop.cn:443', S1).status, 200);
    assert.equal(decide('mail.example-corp.cn', S1).reason, 'NOT_FILED');
  });

  it('R-ACS-005: sub-domains under .com.cn follow example-shop.com.cn, not com.cn', () => {
    const { decide } = world();
    assert.equal(decide('www.example-shop.com.cn', S1).status, 200);
    assert.equal(decide('mail.example-shop.com.cn', S1).status, 200);
    assert.equal(decide('www.other-shop.com.cn', S1).status, 403);
  });

  it('FAQ-055 R-ACS-002: the same unfiled domain is blocked on ports 80, 443 and 8080', () => {
    const { decide } = world();
    for (const h of ['example-nofile.cn', 'example-nofile.cn:80', 'example-nofile.cn:443', 'example-nofile.cn:8080'])
      assert.deepEqual(decide(h, S1), { status: 403, reason: 'NOT_FILED', domain: 'example-nofile.cn' });
  });

  it('FAQ-007 FAQ-019 FAQ-023 R-ACS-006: a domain filed only at another provider is blocked NOT_ACCESSED_HERE, www. included', () => {
    const { decide } = world();
    assert.deepEqual(decide('www.example-travel.cn', S2), {
      status: 403,
      reason: 'NOT_ACCESSED_HERE',
      domain: 'example-travel.cn',
    });
  });

  it('FAQ-282 FAQ-285 R-ACS-007: an ACCESS order past initial review is served (temporary access), www. included', () => {
    const { decide } = world();
    assert.deepEqual(decide('www.example-b.cn', S1), {
      status: 200,
      reason: 'ACCESS_IN_REVIEW',
      domain: 'example-b.cn',
    });
  });

  it('R-ACS-008: a FIRST filing in progress stays blocked', () => {
    const { decide } = world();
    assert.deepEqual(decide('example-new.cn', S1), {
      status: 403,
      reason: 'FILING_IN_PROGRESS',
      domain: 'example-new.cn',
    });
  });

  it('FAQ-275 R-ACS-014: never filed, filed only at P2, and cancelled by the bureau give three distinct reasons', () => {
    const { decide } = world();
    assert.equal(decide('example-a.cn', S1).reason, 'NOT_FILED');
    assert.equal(decide('example-travel.cn', S1).reason, 'NOT_ACCESSED_HERE');
    assert.equal(decide('example-c.cn', S1).reason, 'FILING_CANCELLED');
  });

  it('FAQ-082 FAQ-291 FAQ-263 R-ACS-015 R-ACS-003: an unapproved suffix is blocked NOT_FILED on the mainland, served on H1', () => {
    const { decide } = world();
    assert.deepEqual(decide('example-x.online', S1), { status: 403, reason: 'NOT_FILED', domain: 'example-x.online' });
    assert.equal(decide('example-y.online', H1).status, 200);
    assert.equal(decide('example-shop.online', H1).status, 200);
    assert.equal(decide('example-hk.com', H1).status, 200);
    assert.equal(decide('host.not-a-real-tld', S1).status, 403);
  });
});
