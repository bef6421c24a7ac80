/** The response sizes measured: a label for the table, the route segment, the JSON size aimed at. */
export const SIZES = [
  { label: '1 KB', key: '1kb', bytes: 1024 },
  { label: '10 KB', key: '10kb', bytes: 10 * 1024 },
  { label: '100 KB', key: '100kb', bytes: 100 * 1024 },
] as const;

export type Size = (typeof SIZES)[number];

export interface Item {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly age: number;
  readonly active: boolean;
  readonly tags: readonly string[];
}

/**
 * A JSON array of small user-like objects, just over `bytes` once
 * serialised. Deterministic, so the server processes that serve it and the
 * bench that checks the responses agree on it without talking.
 */
export function makePayload(bytes: number): Item[] {
  const items: Item[] = [];
  let length = 2; // the brackets
  for (let id = 1; length < bytes; id++) {
    const item: Item = {
      id,
      name: `User ${id}`,
      email: `user${id}@example.com`,
      age: 18 + (id % 60),
      active: id % 3 !== 0,
      tags: ['alpha', 'beta', id % 2 === 0 ? 'even' : 'odd'],
    };
    length += JSON.stringify(item).length + (items.length > 0 ? 1 : 0); // + the comma
    items.push(item);
  }
  return items;
}

/** The number of bytes a 200 response for `size` carries. */
export function bodyBytes(size: Size): number {
  return Buffer.byteLength(JSON.stringify(makePayload(size.bytes)));
}

/**
 * The file of the file-serving rows: 1 MiB of bytes that do not compress,
 * and the 64 KiB range asked of it.
 */
export const FILE = {
  label: '1 MB file',
  path: '/files/bench.bin',
  name: 'bench.bin',
  bytes: 1024 * 1024,
  range: `bytes=0-${64 * 1024 - 1}`,
  rangeLabel: '64 KB',
  rangeBytes: 64 * 1024,
} as const;

/** The content of {@link FILE}: deterministic, so every server process writes the same bytes. */
export function fileBytes(): Buffer {
  const bytes = Buffer.alloc(FILE.bytes);
  // A xorshift sequence: cheap, and nothing a compressor could shrink.
  let x = 2463534242;
  for (let i = 0; i < bytes.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}
