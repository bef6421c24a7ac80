/**
 * The module's file body: a StreamableFile that opens its file only when
 * read, sends what it is told (the whole file, ranges with their multipart
 * heads, nothing), 64 KB at a time through one handle, closed in the end.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamableFile } from '@nestjs/common';
import { CHUNK_SIZE, EtagFileBody, isFileBody, NO_BYTES } from '../../lib/nest/files/file-body.js';
import { countFileReads, type FileReads } from '../support/file-reads.js';

const folder = mkdtempSync(join(tmpdir(), 'nestjs-etag-body-'));
const DIGITS = join(folder, 'digits.txt');
const BIG = join(folder, 'big.bin');
let files: FileReads;

beforeAll(async () => {
  files = await countFileReads();
});
afterAll(() => {
  files.restore();
  rmSync(folder, { recursive: true, force: true });
});
beforeEach(() => {
  writeFileSync(DIGITS, '0123456789\n');
  writeFileSync(BIG, Buffer.alloc(3 * CHUNK_SIZE + 5, 1));
  files.reset();
});

async function read(body: EtagFileBody): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body.getStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('latin1');
}

describe('EtagFileBody', () => {
  it('is a StreamableFile, recognised by its mark, with the type and disposition given', () => {
    const body = new EtagFileBody(DIGITS, { type: 'text/plain', disposition: 'inline' });
    expect(body).toBeInstanceOf(StreamableFile);
    expect(isFileBody(body)).toBe(true);
    expect(isFileBody(new StreamableFile(Buffer.from('x')))).toBe(false);
    expect(body.getHeaders()).toEqual({ type: 'text/plain', disposition: 'inline', length: undefined });
    expect(files.opens).toBe(0);
  });

  it('sends the whole file unless told otherwise, and closes it', async () => {
    expect(await read(new EtagFileBody(DIGITS))).toBe('0123456789\n');
    expect({ opens: files.opens, unclosed: files.unclosed }).toEqual({ opens: 1, unclosed: 0 });
  });

  it('sends the parts it is told, each head before its bytes, then the tail', async () => {
    const body = new EtagFileBody(DIGITS);
    body.plan({
      parts: [
        { head: '<a>', first: 7, last: 8 },
        { head: '<b>', first: 0, last: 1 },
      ],
      tail: '<end>',
    });
    expect(await read(body)).toBe('<a>78<b>01<end>');
  });

  it('reads 64 KB at a time, one handle for every range', async () => {
    const body = new EtagFileBody(BIG);
    body.plan({
      parts: [
        { first: 0, last: 2 * CHUNK_SIZE },
        { first: 3 * CHUNK_SIZE, last: 3 * CHUNK_SIZE + 4 },
      ],
    });
    expect((await read(body)).length).toBe(2 * CHUNK_SIZE + 1 + 5);
    expect({ opens: files.opens, reads: files.reads, unclosed: files.unclosed }).toEqual({
      opens: 1,
      reads: 4,
      unclosed: 0,
    });
  });

  it('sends nothing and opens nothing for NO_BYTES (a HEAD)', async () => {
    const body = new EtagFileBody(DIGITS);
    body.plan(NO_BYTES);
    expect(await read(body)).toBe('');
    expect({ opens: files.opens, reads: files.reads }).toEqual({ opens: 0, reads: 0 });
  });

  it('opens nothing for an empty plan of the other build, which is not NO_BYTES itself', async () => {
    const body = new EtagFileBody(DIGITS);
    body.plan({ parts: [] });
    expect(await read(body)).toBe('');
    expect(files.opens).toBe(0);
  });

  it('opens once when asked, before it is read, and tells what fstat says; stat() opens nothing', async () => {
    const body = new EtagFileBody(DIGITS);
    expect((await body.stat()).size).toBe(11);
    expect(files.opens).toBe(0);
    const opened = await body.open();
    expect(opened).toMatchObject({ size: 11, mtimeMs: expect.any(Number), ino: expect.any(Number) });
    expect(await body.open()).toBe(opened);
    expect(await read(body)).toBe('0123456789\n');
    expect({ opens: files.opens, unclosed: files.unclosed }).toEqual({ opens: 1, unclosed: 0 });
  });

  it('closes a file opened but never read once its stream is destroyed', async () => {
    const body = new EtagFileBody(DIGITS);
    await body.open();
    const stream = body.getStream();
    expect(files.unclosed).toBe(1);
    await new Promise((resolve) => stream.once('close', resolve).destroy());
    expect(files.unclosed).toBe(0);
  });

  it('fails, and closes, when the file is cut short while it is sent', async () => {
    const body = new EtagFileBody(BIG);
    await body.open();
    truncateSync(BIG, CHUNK_SIZE);
    await expect(read(body)).rejects.toThrow(`${BIG} ended at byte ${CHUNK_SIZE} of ${3 * CHUNK_SIZE + 5}`);
    expect(files.unclosed).toBe(0);
  });
});
