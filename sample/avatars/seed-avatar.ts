import { crc32 } from 'node:zlib';

/** The side of the seeded avatar, in pixels. */
const SIDE = 64;

/**
 * The avatar user 1 is seeded with: a 64 × 64 PNG of a smiling face, about
 * 12 KB, made here byte for byte (uncompressed zlib blocks, no encoder whose
 * output could change), so its entity tag is the same on every fresh
 * sample, as the README shows it.
 */
export function seedAvatar(): Buffer {
  const rows: number[] = [];
  for (let y = 0; y < SIDE; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < SIDE; x++) rows.push(...pixel(x, y));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIDE, 0);
  header.writeUInt32BE(SIDE, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits a channel, RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', storedZlib(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// A yellow face on a blue ground: eyes, and a smile below the centre.
function pixel(x: number, y: number): [number, number, number] {
  const dx = x - 31.5;
  const dy = y - 31.5;
  const r = Math.hypot(dx, dy);
  const eye = Math.hypot(Math.abs(dx) - 10, dy + 8) < 4;
  const smile = dy > 4 && Math.abs(Math.hypot(dx, dy + 2) - 16) < 2;
  if (r > 28) return [40, 90, 170];
  if (eye || smile) return [60, 40, 20];
  return [250, 210, 60];
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

// RFC 1950/1951: one stored block (no compression), then the Adler-32 of the data.
function storedZlib(data: Buffer): Buffer {
  const block = Buffer.alloc(5);
  block.set([0x01], 0); // the final block, stored
  block.writeUInt16LE(data.length, 1);
  block.writeUInt16LE(0xffff - data.length, 3);
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((b << 16) | a) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0x01]), block, data, adler]);
}
