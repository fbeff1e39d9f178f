import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { MAX_UPLOAD_BYTES } from './acceptance.ts';
import {
  type AcceptedUpload,
  compressForBureau,
  inspectAndNormalizeUpload,
  readUploadWithLimit,
  type UploadInput,
  type UploadInspection,
} from './image-pipeline.ts';
import { bmp, jpegWithComment, padJpeg, padPng, photo, pngHeaderOnly } from './test-images.ts';

const ID = 'WEBSITE_PRINCIPAL_ID_FRONT' as const;

/** A PNG tEXt chunk (keyword, NUL, text) with its CRC. */
function pngTextChunk(keyword: string, text: string): Buffer {
  const data = Buffer.from(`${keyword}\0${text}`, 'latin1');
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write('tEXt', 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from('tEXt', 'latin1'), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function inspect(bytes: Buffer, fileName: string, extra: Partial<UploadInput> = {}): Promise<UploadInspection> {
  return inspectAndNormalizeUpload({ bytes, fileName, kind: ID, ...extra });
}

function accepted(r: UploadInspection): AcceptedUpload {
  if (!r.ok) assert.fail(`expected acceptance, got ${r.code}: ${r.message.en}`);
  return r;
}

function refusedWith(r: UploadInspection | { ok: true; bytes: Buffer }, code: string, rule = 'R-MAT-001'): void {
  assert.equal(r.ok, false, 'expected a refusal');
  if (r.ok) return;
  assert.equal(r.code, code, r.message.en);
  assert.equal(r.rule, rule);
  assert.equal(r.severity, 'block');
  assert.ok(r.message.zh.length > 0 && r.message.en.length > 0);
}

describe('R-MAT-001 attack set: each hostile upload is refused with its code', () => {
  test('R-MAT-001: a truncated JPEG (cut in half) is refused IMAGE_CORRUPT', async () => {
    const good = await photo('jpeg');
    const r = await inspect(good.subarray(0, Math.floor(good.length / 2)), 'id.jpg');
    refusedWith(r, 'IMAGE_CORRUPT');
  });

  test('R-MAT-001: a truncated JPEG given a fake end marker is caught by the full decode (IMAGE_CORRUPT)', async () => {
    const good = await photo('jpeg');
    const cut = Buffer.concat([good.subarray(0, Math.floor(good.length / 2)), Buffer.from([0xff, 0xd9])]);
    // The header alone looks fine — this is exactly what header-only checks let through (STACK pitfall 10).
    assert.equal((await sharp(cut).metadata()).width, 800);
    refusedWith(await inspect(cut, 'id.jpg'), 'IMAGE_CORRUPT');
  });

  test('R-MAT-001: a PNG with a script appended after IEND is refused IMAGE_POLYGLOT', async () => {
    const png = await photo('png', 300, 300);
    const evil = Buffer.concat([png, Buffer.from('<script>alert(document.cookie)</script>')]);
    const r = await inspect(evil, 'id.png');
    refusedWith(r, 'IMAGE_POLYGLOT');
    assert.ok(!r.ok && r.message.en.includes('after the PNG IEND'));
  });

  test('R-MAT-001: data after the JPEG EOI (e.g. a ZIP) is refused IMAGE_POLYGLOT', async () => {
    const jpeg = await photo('jpeg', 300, 300);
    const evil = Buffer.concat([jpeg, Buffer.from('PK\x03\x04 payload', 'latin1')]);
    refusedWith(await inspect(evil, 'id.jpg'), 'IMAGE_POLYGLOT');
  });

  test('R-MAT-001: a PHP payload hidden in a JPEG comment segment is refused IMAGE_POLYGLOT', async () => {
    const jpeg = jpegWithComment(await photo('jpeg', 300, 300), '<?php system($_GET["c"]); ?>');
    refusedWith(await inspect(jpeg, 'id.jpg'), 'IMAGE_POLYGLOT');
  });

  test('R-MAT-001: markup bytes occurring by chance inside compressed pixel data do not refuse a genuine photo', async () => {
    // about one photo in 500 KB carries `<svg` somewhere in its entropy-coded scan (random bytes); refusing those
    // would reject real customers' photos at random, while a signature in a metadata segment is still caught (above)
    const j = await photo('jpeg', 800, 600);
    let sos = -1;
    for (let i = 2; i < j.length - 1 && sos < 0; i++) if (j[i] === 0xff && j[i + 1] === 0xda) sos = i;
    const inScan = sos + 2 + j.readUInt16BE(sos + 2) + Math.floor((j.length - sos) / 2);
    const chance = Buffer.from(j);
    chance.write('<svg', inScan, 'latin1');
    accepted(await inspect(chance, 'id.jpg'));
    const png = await photo('png', 300, 300);
    // the same bytes in a PNG text chunk are a polyglot
    const withText = Buffer.concat([png.subarray(0, 33), pngTextChunk('Comment', '<svg onload=alert(1)>'), png.subarray(33)]);
    refusedWith(await inspect(withText, 'id.png'), 'IMAGE_POLYGLOT');
  });

  test('R-MAT-001: an SVG renamed .png is refused IMAGE_FORMAT (content, not name)', async () => {
    const svg = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="400" fill="red"/></svg>',
    );
    // sharp would happily render it: the whitelist is what refuses it.
    assert.equal((await sharp(svg).metadata()).format, 'svg');
    const r = await inspect(svg, 'id.png', { declaredType: 'image/png' });
    refusedWith(r, 'IMAGE_FORMAT');
    assert.ok(!r.ok && r.message.en.includes('SVG'));
  });

  test(`R-MAT-001: a file of exactly ${MAX_UPLOAD_BYTES} bytes is refused IMAGE_TOO_LARGE`, async () => {
    const png = padPng(await photo('png', 700, 700), MAX_UPLOAD_BYTES);
    assert.equal(png.length, 2_097_152);
    refusedWith(await inspect(png, 'id.png'), 'IMAGE_TOO_LARGE');
  });

  test('R-MAT-001: an empty file is refused IMAGE_EMPTY', async () => {
    refusedWith(await inspect(Buffer.alloc(0), 'id.png'), 'IMAGE_EMPTY');
  });

  test('R-MAT-001: path-traversal and control-character file names are refused FILE_NAME_INVALID (not sanitised)', async () => {
    const png = await photo('png', 200, 200);
    for (const name of [
      '../../etc/passwd.png',
      '..\\..\\windows\\id.png',
      'C:\\Users\\me\\id.png',
      '/tmp/id.png',
      'id\u0000.png',
      'id\n.png',
      'photo\u202Egnp.png', // right-to-left override hides the real extension from a reviewer
      ' id.png',
      `${'a'.repeat(300)}.png`,
    ]) {
      const r = await inspect(png, name);
      refusedWith(r, 'FILE_NAME_INVALID');
      assert.ok(!r.ok && r.fileName === name);
    }
  });

  test('R-MAT-001: a lying content type does not let non-image content in (IMAGE_FORMAT)', async () => {
    const html = Buffer.from('<html><body><script>fetch("/api/me")</script></body></html>');
    refusedWith(await inspect(html, 'id.jpg', { declaredType: 'image/jpeg' }), 'IMAGE_FORMAT');
  });

  test('R-MAT-001: a lying content type on a real image is ignored and recorded (content wins)', async () => {
    const png = await photo('png', 300, 300);
    const r = accepted(await inspect(png, 'id.png', { declaredType: 'image/jpeg' }));
    assert.equal(r.detectedFormat, 'png');
    assert.equal(r.contentType, 'image/png');
    assert.deepEqual(
      r.notes.map((n) => n.code),
      ['DECLARED_TYPE_MISMATCH'],
    );
    assert.match(r.notes[0].detail, /declared image\/jpeg, content is image\/png/);
  });

  test('R-MAT-001: a PNG named .jpg is accepted as PNG with the mismatch recorded', async () => {
    const r = accepted(await inspect(await photo('png', 300, 300), 'scan.jpg', { declaredType: 'image/jpeg' }));
    assert.equal(r.format, 'png');
    assert.ok(r.notes.some((n) => n.code === 'EXTENSION_MISMATCH'));
  });

  test('R-MAT-001: a disallowed extension is refused even when the content is fine', async () => {
    refusedWith(await inspect(await photo('png', 300, 300), 'id.webp'), 'IMAGE_FORMAT');
    refusedWith(await inspect(await photo('png', 300, 300), 'id'), 'IMAGE_FORMAT');
  });

  test('R-MAT-001: dimension bounds — too small, too large, bomb header, catalogue override', async () => {
    const tiny = await photo('png', 50, 50);
    const r = await inspect(tiny, 'id.png');
    refusedWith(r, 'IMAGE_DIMENSIONS');
    assert.ok(!r.ok && r.message.en.includes('50×50'));
    refusedWith(await inspect(await photo('png', 12_000, 120, { noise: false }), 'id.png'), 'IMAGE_DIMENSIONS');
    // 9000×9000 = 81 MP declared in the header; refused before any pixel is decoded.
    refusedWith(await inspect(pngHeaderOnly(9000, 9000), 'id.png'), 'IMAGE_DIMENSIONS');
    refusedWith(
      await inspect(await photo('png', 400, 300), 'id.png', { dimensions: { minWidth: 600 } }),
      'IMAGE_DIMENSIONS',
    );
  });

  test('R-MAT-001: an animated GIF is refused for a curtain photo (IMAGE_ANIMATED)', async () => {
    const a = await photo('png', 200, 200, { noise: false });
    const b = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#3333cc' } })
      .png()
      .toBuffer();
    const gif = await sharp([a, b], { join: { animated: true } })
      .gif()
      .toBuffer();
    refusedWith(await inspect(gif, 'me.gif', { kind: 'CURTAIN_PHOTO' }), 'IMAGE_ANIMATED', 'R-MAT-020');
  });
});

describe('R-MAT-001 / R-MAT-020 acceptance and normalisation', () => {
  test('R-MAT-001: a good JPEG is accepted, re-encoded, hashed and thumbnailed', async () => {
    const original = await photo('jpeg', 1200, 900);
    const r = accepted(await inspect(original, 'front.jpeg', { declaredType: 'image/jpeg' }));
    assert.equal(r.detectedFormat, 'jpeg');
    assert.equal(r.format, 'jpeg');
    assert.equal(r.contentType, 'image/jpeg');
    assert.equal(r.width, 1200);
    assert.equal(r.height, 900);
    assert.equal(r.size, r.bytes.length);
    assert.equal(r.sha256, createHash('sha256').update(r.bytes).digest('hex'));
    assert.equal(r.originalSha256, createHash('sha256').update(original).digest('hex'));
    assert.notEqual(r.sha256, r.originalSha256, 'we store our own encoding, never the uploaded bytes');
    assert.deepEqual(r.notes, []);
    const tm = await sharp(r.thumbnail.bytes).metadata();
    assert.equal(tm.format, 'jpeg');
    assert.equal(Math.max(tm.width ?? 0, tm.height ?? 0), 320);
    assert.equal(r.thumbnail.width, 320);
    assert.equal(r.thumbnail.height, 240);
    assert.equal(r.looksGreyscale, false);
  });

  test('R-MAT-001: a good PNG is accepted and stays PNG', async () => {
    const r = accepted(await inspect(await photo('png', 640, 480), 'back.PNG'));
    assert.equal(r.format, 'png');
    assert.equal((await sharp(r.bytes).metadata()).format, 'png');
    assert.equal(r.width, 640);
  });

  test('R-MAT-001: EXIF and GPS are stripped and the orientation is applied', async () => {
    const withExif = await sharp(await photo('jpeg', 800, 600))
      .withExif({
        IFD0: { Software: 'BeianTestCamera', Copyright: 'secret-owner' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '39/1 54/1 27/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '116/1 23/1 17/1',
        },
      })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const before = await sharp(withExif).metadata();
    assert.ok(before.exif?.toString('latin1').includes('BeianTestCamera'));
    assert.equal(before.orientation, 6);

    const r = accepted(await inspect(withExif, 'id.jpg'));
    const after = await sharp(r.bytes).metadata();
    assert.equal(after.exif, undefined);
    assert.equal(after.orientation, undefined);
    assert.ok(!r.bytes.toString('latin1').includes('BeianTestCamera'));
    assert.ok(!r.bytes.toString('latin1').includes('secret-owner'));
    // Orientation 6 = rotate 90°: the stored image is upright, so width and height swap.
    assert.equal(r.width, 600);
    assert.equal(r.height, 800);
    assert.ok(r.notes.some((n) => n.code === 'METADATA_STRIPPED' && n.detail.includes('EXIF')));
  });

  test('R-MAT-020: GIF is accepted for a curtain photo and stored as PNG', async () => {
    const gif = await photo('gif', 400, 300);
    const r = accepted(await inspect(gif, 'curtain.gif', { kind: 'CURTAIN_PHOTO', declaredType: 'image/gif' }));
    assert.equal(r.detectedFormat, 'gif');
    assert.equal(r.format, 'png');
    assert.equal(r.width, 400);
  });

  test('R-MAT-001: GIF is refused for an ID card, by extension and by content', async () => {
    const gif = await photo('gif', 400, 300);
    refusedWith(await inspect(gif, 'id.gif'), 'IMAGE_FORMAT');
    const r = await inspect(gif, 'id.png');
    refusedWith(r, 'IMAGE_FORMAT');
    assert.ok(!r.ok && r.message.en.includes('GIF'));
  });

  test('R-MAT-020: a GIF with bytes after its trailer is refused for a curtain photo', async () => {
    const gif = Buffer.concat([await photo('gif', 300, 300), Buffer.from('<?php echo 1; ?>')]);
    refusedWith(await inspect(gif, 'c.gif', { kind: 'CURTAIN_PHOTO' }), 'IMAGE_POLYGLOT', 'R-MAT-020');
  });

  test('R-MAT-001: a JPEG followed by a second complete JPEG (phone Multi-Picture / Ultra HDR) is accepted', async () => {
    const main = await photo('jpeg', 400, 300);
    const gainMap = await photo('jpeg', 200, 150);
    const r = accepted(await inspect(Buffer.concat([main, gainMap]), 'phone.jpg'));
    assert.equal(r.width, 400);
    refusedWith(await inspect(Buffer.concat([main, gainMap.subarray(0, 500)]), 'phone.jpg'), 'IMAGE_POLYGLOT');
  });

  test('R-MAT-001: a Samsung SEFT trailer after EOI is accepted; a forged one with bad framing is not', async () => {
    const main = await photo('jpeg', 400, 300);
    const dir = Buffer.concat([Buffer.from('SEFH'), Buffer.alloc(12)]);
    const len = Buffer.alloc(4);
    len.writeUInt32LE(dir.length);
    const trailer = Buffer.concat([Buffer.from('Image_UTC_Data1541390400000'), dir, len, Buffer.from('SEFT')]);
    accepted(await inspect(Buffer.concat([main, trailer]), 'galaxy.jpg'));
    len.writeUInt32LE(dir.length + 3);
    const forged = Buffer.concat([main, Buffer.from('Image_UTC_Data1541390400000'), dir, len, Buffer.from('SEFT')]);
    refusedWith(await inspect(forged, 'galaxy.jpg'), 'IMAGE_POLYGLOT');
  });

  test('R-MAT-003: a black-and-white photocopy is flagged for the reviewer, not refused', async () => {
    const r = accepted(await inspect(await photo('jpeg', 800, 600, { grey: true }), 'copy.jpg'));
    assert.equal(r.looksGreyscale, true);
  });

  test('FAQ-148 R-MAT-001: PNG 2,097,151 B accepted; PNG 2,097,152 B IMAGE_TOO_LARGE; BMP IMAGE_FORMAT; id.JPG accepted', async () => {
    const base = await photo('png', 700, 700);
    const a = padPng(base, 2_097_151);
    assert.equal(a.length, 2_097_151);
    accepted(await inspect(a, 'id.png'));
    refusedWith(await inspect(padPng(base, 2_097_152), 'id.png'), 'IMAGE_TOO_LARGE');
    const bitmap = bmp(100 * 1024);
    refusedWith(await inspect(bitmap, 'id.bmp'), 'IMAGE_FORMAT');
    const disguised = await inspect(bitmap, 'id.png');
    refusedWith(disguised, 'IMAGE_FORMAT');
    assert.ok(!disguised.ok && disguised.message.en.includes('BMP'));
    const d = padJpeg(await photo('jpeg', 800, 600), 500 * 1024);
    assert.equal(d.length, 512_000);
    accepted(await inspect(d, 'id.JPG'));
  });

  test('FAQ-216 R-MAT-015: a 1.5 MB PNG (change letter merged with the sheet) is accepted in the sheet slot', async () => {
    const merged = padPng(await photo('png', 700, 700), 1_572_864);
    const r = accepted(await inspect(merged, '核验单+变更函.png', { kind: 'VERIFICATION_SHEET' }));
    assert.equal(r.kind, 'VERIFICATION_SHEET');
  });

  test('FAQ-138 R-MAT-002: a domain certificate converted to PNG is accepted in a supplementary slot', async () => {
    const r = accepted(await inspect(await photo('png', 1000, 700), '域名证书.png', { kind: 'DOMAIN_CERTIFICATE' }));
    assert.equal(r.format, 'png');
  });

  test('FAQ-198 R-MAT-006: the bureau copy of a 4000×3000 scan is 1200 px on the long edge, JPEG', async () => {
    const scan = await photo('jpeg', 4000, 3000, { noise: false });
    const r = accepted(await inspect(scan, 'licence.jpg', { kind: 'SUBJECT_CERT_FRONT' }));
    const bureau = await compressForBureau(r.bytes);
    assert.equal(bureau.width, 1200);
    assert.equal(bureau.height, 900);
    assert.equal((await sharp(bureau.bytes).metadata()).format, 'jpeg');
    // Never enlarged.
    const small = await compressForBureau(await photo('png', 640, 480));
    assert.equal(small.width, 640);
  });
});

describe('R-MAT-001 streaming size guard for @fastify/multipart', () => {
  function chunked(total: number, size: number, seen: { pulled: number; closed: boolean }) {
    return (async function* () {
      try {
        let sent = 0;
        while (sent < total) {
          const n = Math.min(size, total - sent);
          seen.pulled += n;
          sent += n;
          yield Buffer.alloc(n, 1);
        }
      } finally {
        seen.closed = true;
      }
    })();
  }

  test(`R-MAT-001: a stream of exactly ${MAX_UPLOAD_BYTES} bytes is refused and reading stops`, async () => {
    const seen = { pulled: 0, closed: false };
    const r = await readUploadWithLimit(chunked(10 * MAX_UPLOAD_BYTES, 65_536, seen), {
      kind: ID,
      fileName: 'big.png',
    });
    refusedWith(r, 'IMAGE_TOO_LARGE');
    assert.equal(seen.pulled, MAX_UPLOAD_BYTES, 'stopped at the chunk that reached the limit');
    assert.equal(seen.closed, true, 'the source was closed');
  });

  test('R-MAT-001: a stream one byte under the limit is collected whole', async () => {
    const seen = { pulled: 0, closed: false };
    const r = await readUploadWithLimit(chunked(MAX_UPLOAD_BYTES - 1, 100_000, seen), {
      kind: ID,
      fileName: 'ok.png',
    });
    assert.ok(r.ok);
    assert.equal(r.ok && r.bytes.length, MAX_UPLOAD_BYTES - 1);
  });

  test('R-MAT-001: a part that busboy marked truncated is refused', async () => {
    const r = await readUploadWithLimit(Readable.from([Buffer.alloc(1000)]), {
      kind: 'CURTAIN_PHOTO',
      fileName: 'x.jpg',
      truncated: () => true,
    });
    refusedWith(r, 'IMAGE_TOO_LARGE', 'R-MAT-020');
  });

  test('R-MAT-001: a Node readable is destroyed when the limit is crossed', async () => {
    const stream = Readable.from(
      (function* () {
        for (let i = 0; i < 100; i++) yield Buffer.alloc(100_000);
      })(),
    );
    const r = await readUploadWithLimit(stream, { kind: ID, fileName: 'x.png' });
    refusedWith(r, 'IMAGE_TOO_LARGE');
    assert.equal(stream.destroyed, true);
  });
});
