import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  decodeBeianInfo,
  decodeXmlDocument,
  decryptAesCbc,
  EncryptAlgorithm,
  encodeBeianInfo,
  encodeXmlDocument,
  encryptAesCbc,
  newRandVal,
  passwordHash,
  plainZipMd5,
  verifyPasswordHash,
} from './envelope.ts';
import { MiitProtocolError } from './errors.ts';
import { decodeGbk, encodeGbk } from './gbk.ts';
import { unzip, zipSingle } from './zip.ts';

const aes = { key: '0123456789abcdef', iv: '0102030405060708' };
const aesMode = { ...plainZipMd5, encryptAlgorithm: EncryptAlgorithm.AES_CBC_PKCS5 };
const sampleXml =
  '<?xml version="1.0" encoding="GBK"?><UploadData version="V.3.0"><ICP><ZXBA><Zx_xx><Zxlb>1</Zxlb><Jlid>7</Jlid><Zxly>2</Zxly><Zxlybz>网站不再运营</Zxlybz></Zx_xx></ZXBA><Qqdwid>110000000211</Qqdwid></ICP></UploadData>';

function failureOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof MiitProtocolError, `expected MiitProtocolError, got ${String(e)}`);
    return e.failure;
  }
  assert.fail('expected a MiitProtocolError');
}

describe('R-BUR-001 MIIT envelope (spec 3-3)', () => {
  it('R-BUR-001: pwdHash of the spec example "1234567890"+"abcdefghij" is base64(MD5) of the concatenation', () => {
    // Independently computed: python3 -c "hashlib.md5(b'1234567890abcdefghij')" → base64.
    assert.equal(passwordHash('1234567890', 'abcdefghij'), '9fq6VgG8bDFoWECeX62u2Q==');
  });

  it('R-BUR-001: pwdHash hashes the GBK bytes, not UTF-8 (password with Chinese characters)', () => {
    // python3: base64(md5('口令1234abcdefghijklmnopqrst'.encode('gbk')))
    assert.equal(passwordHash('口令1234', 'abcdefghijklmnopqrst'), 'aHI7A5hf8cevTLRzB+X8Vg==');
    assert.ok(verifyPasswordHash('口令1234', 'abcdefghijklmnopqrst', 'aHI7A5hf8cevTLRzB+X8Vg==', 0));
    assert.equal(verifyPasswordHash('口令1235', 'abcdefghijklmnopqrst', 'aHI7A5hf8cevTLRzB+X8Vg==', 0), false);
  });

  it('R-BUR-001: randVal is 20 characters of digits and letters and differs per call', () => {
    const a = newRandVal();
    assert.match(a, /^[0-9A-Za-z]{20}$/);
    assert.notEqual(a, newRandVal());
  });

  it('R-BUR-001: AES-CBC/PKCS5 with the spec-style IV "0102030405060708" matches openssl', () => {
    // echo -n hello | openssl enc -aes-128-cbc -K hex(0123456789abcdef) -iv hex(0102030405060708) | base64
    assert.equal(encryptAesCbc(Buffer.from('hello'), aes).toString('base64'), 'FL1SM7AKsiwls1Ghnd/yEA==');
    assert.equal(decryptAesCbc(Buffer.from('FL1SM7AKsiwls1Ghnd/yEA==', 'base64'), aes).toString(), 'hello');
  });

  it('R-BUR-001: GBK codec round-trips Chinese text and encodes 中 as D6 D0', () => {
    assert.deepEqual([...encodeGbk('中')], [0xd6, 0xd0]);
    assert.equal(decodeGbk(encodeGbk('粤ICP备18000001号-1 网站')), '粤ICP备18000001号-1 网站');
    assert.throws(() => encodeGbk('𠀀'), RangeError);
  });

  it('R-BUR-001: an XML document is written as GBK; characters GBK lacks become character references', () => {
    const bytes = encodeXmlDocument('<?xml version="1.0" encoding="UTF-8"?><a>中文𠀀</a>');
    assert.ok(bytes.toString('latin1').startsWith('<?xml version="1.0" encoding="GBK"?>'));
    assert.equal(decodeXmlDocument(bytes), '<?xml version="1.0" encoding="GBK"?><a>中文&#x20000;</a>');
    assert.equal(
      decodeXmlDocument(Buffer.from('<?xml version="1.0" encoding="UTF-8"?><a>中</a>')),
      '<?xml version="1.0" encoding="UTF-8"?><a>中</a>',
    );
  });

  it('R-BUR-001: ZIP container holds the named file and is readable back; the CRC is checked', () => {
    const zip = zipSingle('beianinfo.xml', Buffer.from('<x/>'));
    assert.equal(zip.readUInt32LE(0), 0x04034b50);
    assert.deepEqual(unzip(zip, 1024), [{ name: 'beianinfo.xml', data: Buffer.from('<x/>') }]);
    const corrupt = Buffer.from(zip);
    corrupt.writeUInt32LE(corrupt.readUInt32LE(14) ^ 1, 14); // local CRC is ignored, central CRC is authoritative
    const cd = corrupt.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    corrupt.writeUInt32LE(corrupt.readUInt32LE(cd + 16) ^ 1, cd + 16);
    assert.throws(() => unzip(corrupt, 1024), /CRC-32/);
  });

  it('R-BUR-001: reads a ZIP written by another implementation (Python zipfile, deflated)', () => {
    const py =
      'UEsDBBQAAAAIAHQ9fV2015oBCwAAAAkAAAAGAAAAeDEueG1ss0m0K6i00U+0AwBQSwECFAMUAAAACAB0PX1dtNeaAQsAAAAJAAAABgAAAAAAAAAAAAAAgAEAAAAAeDEueG1sUEsFBgAAAAABAAEANAAAAC8AAAAAAA==';
    assert.deepEqual(unzip(Buffer.from(py, 'base64'), 1024), [{ name: 'x1.xml', data: Buffer.from('<a>py</a>') }]);
    assert.throws(() => unzip(Buffer.from(py, 'base64'), 4), /exceeds/);
  });

  for (const [label, mode, key] of [
    ['plain', plainZipMd5, undefined],
    ['AES', aesMode, aes],
  ] as const) {
    it(`R-BUR-001: round trip (${label}): encode for upload, decode on the other side gives the same file`, () => {
      const xml = encodeXmlDocument(sampleXml);
      const encoded = encodeBeianInfo({ name: 'U20260101000001', xml }, mode, key);
      assert.equal(encoded.encryptAlgorithm, mode.encryptAlgorithm);
      // beianInfoHash is base64(MD5(zip bytes)) — computed before encryption.
      const zipBytes = key
        ? decryptAesCbc(Buffer.from(encoded.beianInfo, 'base64'), key)
        : Buffer.from(encoded.beianInfo, 'base64');
      assert.equal(encoded.beianInfoHash, createHash('md5').update(zipBytes).digest('base64'));
      const decoded = decodeBeianInfo(encoded, key);
      assert.equal(decoded.name, 'U20260101000001');
      assert.deepEqual(decoded.xml, xml);
      assert.equal(decodeXmlDocument(decoded.xml), sampleXml);
    });
  }

  it('R-BUR-001: encoding is deterministic, so the same payload gives the same beianInfoHash', () => {
    const xml = encodeXmlDocument(sampleXml);
    assert.deepEqual(
      encodeBeianInfo({ name: 'A1', xml }, plainZipMd5),
      encodeBeianInfo({ name: 'A1', xml }, plainZipMd5),
    );
  });

  it('R-BUR-001: tampered beianInfo is refused with MIIT_HASH_MISMATCH (msg_code 7), plain and encrypted', () => {
    const xml = encodeXmlDocument(sampleXml);
    const plain = encodeBeianInfo({ name: 'A1', xml }, plainZipMd5);
    const bytes = Buffer.from(plain.beianInfo, 'base64');
    bytes[bytes.length - 30] ^= 0xff;
    const err = (() => {
      try {
        decodeBeianInfo({ ...plain, beianInfo: bytes.toString('base64') });
      } catch (e) {
        return e;
      }
    })();
    assert.ok(err instanceof MiitProtocolError);
    assert.equal(err.failure, 'MIIT_HASH_MISMATCH');
    assert.equal(err.msgCode, 7);

    // A forged hash over the real data is refused the same way.
    assert.equal(
      failureOf(() => decodeBeianInfo({ ...plain, beianInfoHash: 'AAAAAAAAAAAAAAAAAAAAAA==' })),
      'MIIT_HASH_MISMATCH',
    );

    // Flipping a bit in the last-but-one cipher block garbles one plaintext block, and the hash catches it.
    const enc = encodeBeianInfo({ name: 'A1', xml }, aesMode, aes);
    const cbytes = Buffer.from(enc.beianInfo, 'base64');
    cbytes[cbytes.length - 20] ^= 0x01;
    const f = failureOf(() => decodeBeianInfo({ ...enc, beianInfo: cbytes.toString('base64') }, aes));
    assert.ok(f === 'MIIT_HASH_MISMATCH' || f === 'MIIT_DECRYPT_FAILED', f);
  });

  it('R-BUR-001: junk in the base64 text is refused, not silently skipped', () => {
    const enc = encodeBeianInfo({ name: 'A1', xml: encodeXmlDocument(sampleXml) }, plainZipMd5);
    assert.equal(
      failureOf(() => decodeBeianInfo({ ...enc, beianInfo: `${enc.beianInfo.slice(0, 8)}*${enc.beianInfo.slice(9)}` })),
      'MIIT_HASH_MISMATCH',
    );
  });

  it('R-BUR-001: a wrong AES key is refused (decrypt failure or hash mismatch), never returns data', () => {
    const enc = encodeBeianInfo({ name: 'A1', xml: encodeXmlDocument(sampleXml) }, aesMode, aes);
    for (const wrong of ['fedcba9876543210', '0123456789abcdeF', '00000000000000000000000000000000']) {
      const f = failureOf(() => decodeBeianInfo(enc, { key: wrong, iv: aes.iv }));
      assert.ok(f === 'MIIT_DECRYPT_FAILED' || f === 'MIIT_HASH_MISMATCH', f);
    }
    assert.equal(
      failureOf(() => decodeBeianInfo(enc)),
      'MIIT_DECRYPT_FAILED',
    );
  });

  it('R-BUR-001: unsupported algorithms are refused with msg_codes 9/10/11', () => {
    const enc = encodeBeianInfo({ name: 'A1', xml: encodeXmlDocument(sampleXml) }, plainZipMd5);
    assert.equal(
      failureOf(() => decodeBeianInfo({ ...enc, encryptAlgorithm: 2 })),
      'MIIT_UNSUPPORTED_ENCRYPT_ALGORITHM',
    );
    assert.equal(
      failureOf(() => decodeBeianInfo({ ...enc, hashAlgorithm: 1 })),
      'MIIT_UNSUPPORTED_HASH_ALGORITHM',
    );
    assert.equal(
      failureOf(() => decodeBeianInfo({ ...enc, compressionFormat: 1 })),
      'MIIT_UNSUPPORTED_COMPRESSION',
    );
  });

  it('R-BUR-001: data file names must be letters/digits, at most 128 bytes (spec 3-3-1-3)', () => {
    const xml = encodeXmlDocument(sampleXml);
    assert.equal(
      failureOf(() => encodeBeianInfo({ name: '备案.xml', xml }, plainZipMd5)),
      'MIIT_FILE_NAME_INVALID',
    );
    assert.equal(
      failureOf(() => encodeBeianInfo({ name: 'a'.repeat(129), xml }, plainZipMd5)),
      'MIIT_FILE_NAME_INVALID',
    );
    assert.equal(
      failureOf(() => encodeBeianInfo({ name: '../x', xml }, plainZipMd5)),
      'MIIT_FILE_NAME_INVALID',
    );
  });

  it('R-BUR-001: an archive with two files is refused (msg_code 17: exactly one file per upload)', () => {
    const one = zipSingle('a.xml', Buffer.from('<a/>'));
    // Build a two-entry archive by hand from two single ones: entries then both central records.
    const two = twoEntryZip();
    const enc = {
      ...plainZipMd5,
      beianInfo: two.toString('base64'),
      beianInfoHash: createHash('md5').update(two).digest('base64'),
    };
    let code = 0;
    try {
      decodeBeianInfo(enc);
    } catch (e) {
      assert.ok(e instanceof MiitProtocolError);
      code = e.msgCode;
    }
    assert.equal(code, 17);
    assert.equal(unzip(one, 100).length, 1);
  });
});

function twoEntryZip(): Buffer {
  const a = zipSingle('a.xml', Buffer.from('<a/>'));
  const b = zipSingle('b.xml', Buffer.from('<b/>'));
  const split = (z: Buffer) => {
    const cdOffset = z.readUInt32LE(z.length - 6);
    return { local: z.subarray(0, cdOffset), central: Buffer.from(z.subarray(cdOffset, z.length - 22)) };
  };
  const pa = split(a);
  const pb = split(b);
  pb.central.writeUInt32LE(pa.local.length, 42);
  const central = Buffer.concat([pa.central, pb.central]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(2, 8);
  end.writeUInt16LE(2, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(pa.local.length + pb.local.length, 16);
  return Buffer.concat([pa.local, pb.local, central, end]);
}
