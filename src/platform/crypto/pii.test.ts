import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { DomainError } from '../errors.ts';
import {
  BlindIndexer,
  envelopeKeyId,
  isPiiEnvelope,
  Keyring,
  maskEmail,
  maskIdNumber,
  maskName,
  maskPhone,
  piiContext,
} from './pii.ts';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');
const ctx = piiContext('principal', 'id_number', 42);

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof DomainError, `expected a DomainError, got ${String(e)}`);
    return e.reason;
  }
  assert.fail('expected the call to throw');
}

describe('PII envelope encryption (DESIGN decision 7)', () => {
  test('round trip of a string, with the documented v1.<keyId>.<base64url> format', () => {
    const ring = Keyring.fromConfig(`k1:${k1}`);
    const env = ring.encryptString('110105194912310021', ctx);
    assert.match(env, /^v1\.k1\.[A-Za-z0-9_-]+$/);
    assert.ok(!env.includes('110105'));
    assert.equal(ring.decryptString(env, ctx), '110105194912310021');
    // A fresh IV each time: equal plaintexts must not give equal ciphertexts (that is what the blind index is for).
    assert.notEqual(ring.encryptString('110105194912310021', ctx), env);
    assert.equal(isPiiEnvelope(env), true);
    assert.equal(isPiiEnvelope('110105194912310021'), false);
  });

  test('round trip of bytes (an ID-card image), binary envelope with the same header', () => {
    const ring = Keyring.fromConfig(`k1:${k1}`);
    const image = randomBytes(5000);
    const env = ring.encryptBytes(image, 'blob/ab/cd');
    assert.equal(env.subarray(0, 6).toString('ascii'), 'v1.k1.');
    assert.equal(env.length, 6 + 12 + 16 + image.length);
    assert.deepEqual(ring.decryptBytes(env, 'blob/ab/cd'), image);
    assert.equal(envelopeKeyId(env), 'k1');
  });

  test('tampering with any byte of the ciphertext, tag or IV is detected', () => {
    const ring = Keyring.fromConfig(`k1:${k1}`);
    const env = ring.encryptString('张三', ctx);
    const raw = Buffer.from(env.split('.')[2], 'base64url');
    for (const pos of [0, 12, 28, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[pos] ^= 0x01;
      assert.equal(
        reasonOf(() => ring.decryptString(`v1.k1.${bad.toString('base64url')}`, ctx)),
        'PII_DECRYPT_FAILED',
      );
    }
    const bytes = ring.encryptBytes(Buffer.from('image'), ctx);
    bytes[bytes.length - 1] ^= 0x80;
    assert.equal(
      reasonOf(() => ring.decryptBytes(bytes, ctx)),
      'PII_DECRYPT_FAILED',
    );
  });

  test('a value copied to another row or column (wrong AAD) is refused', () => {
    const ring = Keyring.fromConfig(`k1:${k1}`);
    const env = ring.encryptString('13800138000', piiContext('principal', 'mobile', 1));
    assert.equal(
      reasonOf(() => ring.decryptString(env, piiContext('principal', 'mobile', 2))),
      'PII_DECRYPT_FAILED',
    );
    assert.equal(
      reasonOf(() => ring.decryptString(env, { table: 'principal', column: 'phone', rowId: 1 })),
      'PII_DECRYPT_FAILED',
    );
    assert.equal(ring.decryptString(env, { table: 'principal', column: 'mobile', rowId: 1 }), '13800138000');
  });

  test('relabelling a ciphertext with another key id fails even when both keys are in the ring (key id in AAD)', () => {
    // Same key material under two ids: only the AAD can tell them apart.
    const ring = Keyring.fromConfig(`k1:${k1},k2:${k1}`, { activeKeyId: 'k1' });
    const env = ring.encryptString('secret', ctx);
    assert.equal(
      reasonOf(() => ring.decryptString(env.replace('v1.k1.', 'v1.k2.'), ctx)),
      'PII_DECRYPT_FAILED',
    );
  });

  test('rotation: after k2 becomes active, values written under k1 still decrypt and new ones use k2', () => {
    const before = Keyring.fromConfig(`k1:${k1}`);
    const old = before.encryptString('张三丰', ctx);
    const after = Keyring.fromConfig(`k1:${k1},k2:${k2}`); // default active = last entry
    assert.equal(after.activeKeyId, 'k2');
    assert.equal(after.decryptString(old, ctx), '张三丰');
    assert.equal(after.needsReencryption(old), true);
    const rewritten = after.reencryptString(old, ctx);
    assert.equal(envelopeKeyId(rewritten), 'k2');
    assert.equal(after.needsReencryption(rewritten), false);
    assert.equal(after.decryptString(rewritten, ctx), '张三丰');
    // An explicit active key overrides the "last entry" default.
    assert.equal(Keyring.fromConfig(`k1:${k1},k2:${k2}`, { activeKeyId: 'k1' }).activeKeyId, 'k1');
  });

  test('an unknown key id is refused with a clear error naming the id', () => {
    const writer = Keyring.fromConfig(`k9:${k1}`);
    const env = writer.encryptString('x', ctx);
    const reader = Keyring.fromConfig(`k1:${k1},k2:${k2}`);
    try {
      reader.decryptString(env, ctx);
      assert.fail('expected a refusal');
    } catch (e) {
      assert.ok(e instanceof DomainError);
      assert.equal(e.reason, 'PII_UNKNOWN_KEY_ID');
      assert.match(e.message, /no key with id "k9"/);
      assert.match(e.message, /known: k1, k2/);
    }
  });

  test('malformed envelopes and bad keyring configs are refused', () => {
    const ring = Keyring.fromConfig(`k1:${k1}`);
    for (const bad of ['', 'plain', 'v2.k1.AAAA', 'v1.k1', 'v1.k.1.AAAA', 'v1.k1.!!!']) {
      assert.equal(
        reasonOf(() => ring.decryptString(bad, ctx)),
        'PII_ENVELOPE_MALFORMED',
        bad,
      );
    }
    assert.equal(
      reasonOf(() => ring.decryptString('v1.k1.AAAA', ctx)),
      'PII_ENVELOPE_MALFORMED',
    );
    assert.equal(
      reasonOf(() => Keyring.fromConfig('')),
      'PII_KEYRING_INVALID',
    );
    assert.equal(
      reasonOf(() => Keyring.fromConfig(`k1:${randomBytes(16).toString('base64')}`)),
      'PII_KEYRING_INVALID',
    );
    assert.equal(
      reasonOf(() => Keyring.fromConfig(`k1:${k1},k1:${k2}`)),
      'PII_KEYRING_INVALID',
    );
    assert.equal(
      reasonOf(() => Keyring.fromConfig(`k.1:${k1}`)),
      'PII_KEYRING_INVALID',
    );
    assert.equal(
      reasonOf(() => Keyring.fromConfig(`k1:${k1}`, { activeKeyId: 'k2' })),
      'PII_KEYRING_INVALID',
    );
    // base64url keys are accepted as well as base64.
    const url = randomBytes(32).toString('base64url');
    assert.equal(Keyring.fromConfig(` a_1 : ${url} `).activeKeyId, 'a_1');
    assert.equal(
      reasonOf(() => piiContext('a/b', 'c', 1)),
      'PII_CONTEXT_INVALID',
    );
  });
});

describe('Blind index for equality lookup on encrypted columns', () => {
  const idx = new BlindIndexer(randomBytes(32));

  test('deterministic per purpose, different across purposes and values', () => {
    const a = idx.blindIndex('110105194912310021', 'principal.id_number');
    assert.equal(idx.blindIndex('110105194912310021', 'principal.id_number'), a);
    assert.notEqual(idx.blindIndex('110105194912310021', 'subject.certificate_number'), a);
    assert.notEqual(idx.blindIndex('110105194912310022', 'principal.id_number'), a);
    assert.match(a, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(idx.matches('110105194912310021', 'principal.id_number', a), true);
    assert.equal(idx.matches('110105194912310022', 'principal.id_number', a), false);
  });

  test('full-width digits and surrounding spaces index like ASCII (NFKC)', () => {
    assert.equal(
      idx.blindIndex(' １１０１０５１９４９１２３１００２１ ', 'principal.id_number'),
      idx.blindIndex('110105194912310021', 'principal.id_number'),
    );
  });

  test('another secret gives other indexes; short secrets are refused', () => {
    const other = new BlindIndexer(randomBytes(32));
    assert.notEqual(other.blindIndex('x', 'p'), idx.blindIndex('x', 'p'));
    assert.throws(() => new BlindIndexer(randomBytes(16)), DomainError);
    assert.throws(() => idx.blindIndex('x', 'Bad Purpose'), DomainError);
  });
});

describe('Masking for display', () => {
  test('ID numbers', () => {
    assert.equal(maskIdNumber('110105194912310021'), '1101**********0021');
    assert.equal(maskIdNumber('91440101MA5XXXXX1X'), '9144**********XX1X');
    assert.equal(maskIdNumber('440101000000001'), '4401*******0001');
    assert.equal(maskIdNumber('E12345678'), 'E1*****78');
    assert.equal(maskIdNumber('1234'), '****');
    assert.equal(maskIdNumber(''), '');
  });

  test('phone numbers', () => {
    assert.equal(maskPhone('13800138000'), '138****8000');
    assert.equal(maskPhone('+86 13800138000'), '+86 138****8000');
    assert.equal(maskPhone('010-12345678'), '010-****5678');
    assert.equal(maskPhone('12345'), '1**45');
  });

  test('names', () => {
    assert.equal(maskName('张三丰'), '张**');
    assert.equal(maskName('张三'), '张*');
    assert.equal(maskName('张'), '*');
    assert.equal(maskName('欧阳娜娜'), '欧***');
    assert.equal(maskName('John Smith'), 'J*** *****');
  });

  test('emails', () => {
    assert.equal(maskEmail('zhangsan@example.com'), 'z******n@example.com');
    assert.equal(maskEmail('ab@example.com'), 'a*@example.com');
    assert.equal(maskEmail('a@example.com'), '*@example.com');
    assert.equal(maskEmail('not-an-email'), 'n***********');
  });
});
