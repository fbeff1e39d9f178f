import assert from 'node:assert/strict';
import type { TestApp } from './app.ts';

// A personal FIRST filing with every field the rules require (a resident of Guangdong filing a blog).
export const personDraft = (domain: string) => ({
  orderType: 'FIRST',
  province: '广东',
  subject: {
    type: 'PERSONAL',
    name: '张三',
    certificateType: 'RESIDENT_ID',
    certificateNumber: '440524188001010014',
    certificateValidFrom: '2020-01-01',
    certificateValidTo: '2040-01-01',
    certificateAddress: '广东省深圳市南山区科技园路1号',
    communicationAddress: { province: '广东', city: '深圳市', district: '南山区', detail: '科技园路1号' },
  },
  subjectPrincipal: {
    name: '张三',
    certificateType: 'RESIDENT_ID',
    certificateNumber: '440524188001010014',
    certificateValidTo: '2040-01-01',
    mobile: '13800138000',
    officePhone: '13800138000',
    email: 'zhangsan@example.com',
    emergencyContact: { name: '李四', mobile: '13900139000' },
  },
  websites: [
    {
      name: '张三的技术博客',
      domains: [domain],
      serviceContent: 'OTHER',
      nature: 'PERSONAL_BLOG',
      languages: ['zh-CN'],
      accessIps: ['203.0.113.10'],
      principalSameAsSubject: true,
      principal: {
        name: '张三',
        certificateType: 'RESIDENT_ID',
        certificateNumber: '440524188001010014',
        certificateValidTo: '2040-01-01',
        mobile: '13800138000',
        email: 'zhangsan@example.com',
        emergencyContact: { name: '李四', mobile: '13900139000' },
      },
    },
  ],
  materials: [
    { kind: 'SUBJECT_CERT_FRONT', blobId: 'b1', mimeType: 'image/jpeg', sizeBytes: 100000 },
    { kind: 'SUBJECT_CERT_BACK', blobId: 'b2', mimeType: 'image/jpeg', sizeBytes: 100000 },
    { kind: 'HANDHELD_PHOTO', websiteIndex: 0, blobId: 'b3', mimeType: 'image/jpeg', sizeBytes: 100000 },
    {
      kind: 'VERIFICATION_SHEET',
      websiteIndex: 0,
      blobId: 'b4',
      mimeType: 'image/jpeg',
      sizeBytes: 100000,
      signed: true,
    },
  ],
});

/** A valid resident ID (GB 11643 check digit) from its first 17 digits. */
export function residentIdOf(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((acc, c, i) => acc + Number(c) * w[i]!, 0);
  return body17 + '10X98765432'[sum % 11];
}

/**
 * Test person number n: a subject belongs to one account (R-ACC-004) and a mobile to one subject (R-SUB-019), so
 * tests that file from several accounts give each its own person. n = 1 is personDraft's 张三.
 */
export function testPerson(n: number) {
  return {
    name: '张三',
    certificateNumber: residentIdOf(`44052418800101${String(n % 1000).padStart(3, '0')}`),
    mobile: n === 1 ? '13800138000' : `1380013${String(n % 10000).padStart(4, '0')}`,
  };
}

/** personDraft for test person n (certificate and mobiles of the subject, its principal and the website principals). */
export function personDraftFor(domain: string, n: number) {
  const d = personDraft(domain);
  const p = testPerson(n);
  d.subject.certificateNumber = p.certificateNumber;
  d.subjectPrincipal = { ...d.subjectPrincipal, certificateNumber: p.certificateNumber, mobile: p.mobile, officePhone: p.mobile };
  for (const w of d.websites) w.principal = { ...w.principal, certificateNumber: p.certificateNumber, mobile: p.mobile };
  return d;
}

/** Initial review as the FAQ has it: a confirmation call that reached the principal (R-ORD-018), then approval. */
export async function passInitialReview(t: TestApp, reviewerCookie: string, orderId: string, version: number) {
  const call = await t.app.inject({ method: 'POST', url: `/api/v1/review/orders/${orderId}/calls`, headers: { cookie: reviewerCookie }, payload: { outcome: 'reached' } });
  assert.equal(call.statusCode, 201, call.body);
  return t.app.inject({ method: 'POST', url: `/api/v1/orders/${orderId}/initial-review/approve`, headers: { cookie: reviewerCookie }, payload: { version } });
}
