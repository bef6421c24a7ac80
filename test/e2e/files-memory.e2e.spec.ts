/**
 * A 100 MB file served whole, as a 50 MB range and as three ranges of
 * multipart/byteranges, with flat memory: the server never holds more
 * than a chunk or two of it, so the process's resident set grows by far
 * less than the file (the bound below), whatever is sent. The client reads
 * and drops each chunk as it comes. And revalidating it costs no read.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { get } from 'node:http';
import { useFilesApp } from './fixture/files.app.js';
import { PLATFORMS } from '../support/http.js';

const MB = 1024 * 1024;
const SIZE = 100 * MB;
/**
 * How much the resident set may grow while the file is sent: under half of
 * it. Chunks wait for the garbage collector a while once written, so the
 * set saws up and down by some megabytes; buffering the file would add all
 * of its 100 MB.
 */
const GROWTH_BOUND = 40 * MB;

/** Writes `size` bytes that do not compress to `path`, 1 MB at a time. */
function writeBigFile(path: string, size: number): void {
  const chunk = Buffer.alloc(MB);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 2654435761) >>> 24;
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < size; written += MB) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

/** GETs `url`, dropping the body as it comes; resolves to the status, the headers and the bytes received. */
function download(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; bytes: number }>((resolve, reject) => {
    get(url, { headers }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, bytes }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** The most the resident set grew over `baseline` while `work` ran, sampled every 10 ms. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  try {
    const result = await work();
    return { result, growth: Math.max(peak, process.memoryUsage.rss()) - baseline };
  } finally {
    clearInterval(sampler);
  }
}

describe.each(PLATFORMS)('a 100 MB file with flat memory, on %s', (platform) => {
  const fixture = useFilesApp(platform);
  let url: string;
  beforeAll(async () => {
    url = `${fixture.url}/files/big.txt`;
    writeBigFile(fixture.folder.of('big.txt'), SIZE); // in the app's temporary folder, removed with it
    // Warm up every path, and the heap's young generation (the digest is read once, 64 KB at a time too).
    await download(url, {});
    await download(url, { Range: 'bytes=0-0,-1' });
  }, 120_000);

  it(`the whole file: a 200 of 100 MB, growing the resident set by less than ${GROWTH_BOUND / MB} MB`, async () => {
    const { result, growth } = await peakGrowth(() => download(url, {}));
    expect(result).toMatchObject({ status: 200, bytes: SIZE, headers: { 'content-length': String(SIZE) } });
    expect(growth).toBeLessThan(GROWTH_BOUND);
  }, 120_000);

  it('a 50 MB range and three ranges of multipart/byteranges, likewise', async () => {
    const { result: single, growth } = await peakGrowth(() =>
      download(url, { Range: `bytes=${25 * MB}-${75 * MB - 1}` }),
    );
    expect(single).toMatchObject({ status: 206, bytes: 50 * MB });
    expect(single.headers['content-range']).toBe(`bytes ${25 * MB}-${75 * MB - 1}/${SIZE}`);
    expect(growth).toBeLessThan(GROWTH_BOUND);

    const ranges = `bytes=0-${10 * MB - 1},${40 * MB}-${60 * MB - 1},-${10 * MB}`;
    const { result: multipart, growth: multipartGrowth } = await peakGrowth(() => download(url, { Range: ranges }));
    expect(multipart.status).toBe(206);
    expect(multipart.headers['content-type']).toMatch(/^multipart\/byteranges; boundary=/);
    expect(multipart.bytes).toBe(Number(multipart.headers['content-length']));
    expect(multipart.bytes).toBeGreaterThan(40 * MB);
    expect(multipartGrowth).toBeLessThan(GROWTH_BOUND);
  }, 120_000);

  it('a 304 and a 416 read nothing of it', async () => {
    const { headers } = await download(url, { Range: 'bytes=0-0' });
    fixture.files.reset();
    expect((await download(url, { 'If-None-Match': headers.etag as string })).status).toBe(304);
    expect((await download(url, { Range: `bytes=${SIZE}-` })).status).toBe(416);
    expect({ opens: fixture.files.opens, reads: fixture.files.reads }).toEqual({ opens: 0, reads: 0 });
  });
});
