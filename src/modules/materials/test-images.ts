import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/**
 * Test fixtures built with sharp itself (no binary files in the repository). Used only by `*.test.ts`.
 * Noise makes the images compress like photos, so sizes are realistic.
 */

export async function photo(
  format: 'jpeg' | 'png' | 'gif',
  width = 800,
  height = 600,
  opts: { grey?: boolean; noise?: boolean } = {},
): Promise<Buffer> {
  const img = sharp({
    create: {
      width,
      height,
      channels: 3,
      background: opts.grey ? '#808080' : '#c8503c',
      ...(opts.noise === false ? {} : { noise: { type: 'gaussian' as const, mean: 120, sigma: 40 } }),
    },
  });
  // sharp's noise replaces the background with the same grey noise on every channel, so colour is put back with a
  // per-channel linear transform; a "grey" image is made single-channel explicitly.
  const shaped = opts.grey ? img.greyscale() : img.linear([1.1, 0.6, 0.35], [40, 10, 0]);
  if (format === 'jpeg') return shaped.jpeg({ quality: 90 }).toBuffer();
  if (format === 'png') return shaped.png().toBuffer();
  return shaped.gif().toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Pads a PNG to exactly `target` bytes with a private ancillary chunk (zeros) before IEND: still a valid PNG. */
export function padPng(png: Buffer, target: number): Buffer {
  const iend = png.length - 12;
  const need = target - png.length - 12;
  if (need < 0) throw new Error(`PNG already ${png.length} bytes, cannot pad to ${target}`);
  return Buffer.concat([png.subarray(0, iend), pngChunk('prVt', Buffer.alloc(need)), png.subarray(iend)]);
}

/** Pads a JPEG to exactly `target` bytes with COM segments (zeros) after SOI: still a valid JPEG. */
export function padJpeg(jpeg: Buffer, target: number): Buffer {
  let need = target - jpeg.length;
  if (need < 0) throw new Error(`JPEG already ${jpeg.length} bytes`);
  const segments: Buffer[] = [];
  while (need > 0) {
    // A segment costs 4 bytes of marker + length; never leave a remainder smaller than that.
    let body = Math.min(need - 4, 60_000);
    if (need - (body + 4) > 0 && need - (body + 4) < 4) body -= 4;
    const seg = Buffer.alloc(body + 4);
    seg[0] = 0xff;
    seg[1] = 0xfe;
    seg.writeUInt16BE(body + 2, 2);
    segments.push(seg);
    need -= body + 4;
  }
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
}

/** Inserts one COM segment carrying `text` after SOI. */
export function jpegWithComment(jpeg: Buffer, text: string): Buffer {
  const body = Buffer.from(text, 'latin1');
  const seg = Buffer.alloc(4);
  seg[0] = 0xff;
  seg[1] = 0xfe;
  seg.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), seg, body, jpeg.subarray(2)]);
}

/** A structurally valid PNG whose header claims width×height but whose pixel data is a few bytes (a "bomb" header). */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal 24-bit BMP of about `bytes` bytes. */
export function bmp(bytes: number): Buffer {
  const width = 100;
  const rowBytes = width * 3;
  const height = Math.max(1, Math.floor((bytes - 54) / rowBytes));
  const size = 54 + rowBytes * height;
  const b = Buffer.alloc(size, 0x7f);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(size, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  b.writeUInt32LE(0, 30);
  b.writeUInt32LE(rowBytes * height, 34);
  return b;
}
