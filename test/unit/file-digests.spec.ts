/**
 * Content digests of files: streamed, computed once, reused while the file
 * is unchanged, the same for the same bytes wherever they lie.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashFile, type HashedFile, READ_SIZE, statOf } from '../../lib/tagging/file-digest.js';
import { FileDigests, HASH_ATTEMPTS, sameVersion } from '../../lib/tagging/file-digests.js';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('base64url');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'file-digests-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** The real hashFile, counting its calls per path. */
function countingHash() {
  const calls: string[] = [];
  const hash = (path: string, algorithm: string) => {
    calls.push(path);
    return hashFile(path, algorithm);
  };
  return { calls, hash };
}

describe('hashFile: the digest of the bytes, read through one buffer', () => {
  it('hashes a small file', async () => {
    const hashed = await hashFile(await file('a', 'hello\n'), 'sha256');
    expect(hashed.digest).toBe(sha256('hello\n'));
    expect(hashed.before.size).toBe(6);
    expect(sameVersion(hashed.before, hashed.after)).toBe(true);
  });

  it('hashes an empty file and one of several reads', async () => {
    expect((await hashFile(await file('empty', ''), 'sha256')).digest).toBe(sha256(''));
    const big = Buffer.alloc(3 * READ_SIZE + 17, 'xyz');
    expect((await hashFile(await file('big', big), 'sha256')).digest).toBe(sha256(big));
  });

  it('gives the same digest for a copy elsewhere, with another inode and mtime (no path, no inode, no time)', async () => {
    const a = await file('a', 'same bytes');
    const b = await file('b', 'same bytes');
    await utimes(b, new Date('2001-01-01'), new Date('2001-01-01'));
    const [x, y] = await Promise.all([hashFile(a, 'sha256'), hashFile(b, 'sha256')]);
    expect(x.before.ino).not.toBe(y.before.ino);
    expect(x.digest).toBe(y.digest);
  });

  it('rejects with the file system error for a missing file', async () => {
    await expect(hashFile(join(dir, 'missing'), 'sha256')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('FileDigests: computed once, reused while size and mtime are unchanged', () => {
  it('hashes a file once and then answers from the cache', async () => {
    const path = await file('a', 'v1');
    const { calls, hash } = countingHash();
    const digests = new FileDigests({ hash });
    const first = await digests.digest(path);
    const again = await digests.digest(path);
    expect(first.digest).toBe(sha256('v1'));
    expect(again).toBe(first);
    expect(calls).toEqual([path]);
  });

  const old = new Date('2020-01-01');
  it.each([
    ['a write that changes the size', (path: string) => writeFile(path, 'version 2'), 'version 2'],
    ['a same-size write (the mtime moves)', (path: string) => writeFile(path, 'v2'), 'v2'],
    [
      'a same-size write that restores the old mtime (the ctime moves)',
      async (path: string) => {
        await new Promise((resolve) => setTimeout(resolve, 20)); // let the ctime tick
        await writeFile(path, 'v2');
        await utimes(path, old, old);
      },
      'v2',
    ],
  ])('hashes again after %s', async (_, write, content) => {
    const path = await file('a', 'v1');
    await utimes(path, old, old);
    const { calls, hash } = countingHash();
    const digests = new FileDigests({ hash });
    await digests.digest(path);
    await write(path);
    expect((await digests.digest(path)).digest).toBe(sha256(content));
    expect(calls).toHaveLength(2);
  });

  it('trusts a caller-given stat of size and mtime alone (the documented limit), until forget()', async () => {
    const path = await file('a', 'v1');
    const { calls, hash } = countingHash();
    const digests = new FileDigests({ hash });
    const { size, mtimeMs } = await stat(path);
    await digests.digest(path, { size, mtimeMs });
    await writeFile(path, 'v2');
    expect((await digests.digest(path, { size, mtimeMs })).digest).toBe(sha256('v1'));
    digests.forget(path);
    expect((await digests.digest(path)).digest).toBe(sha256('v2'));
    expect(calls).toHaveLength(2);
  });

  it('returns the stat of the version it hashed', async () => {
    const path = await file('a', 'abc');
    const digests = new FileDigests();
    const { stat: hashed } = await digests.digest(path);
    const now = await stat(path);
    expect(hashed).toEqual({ size: 3, mtimeMs: now.mtimeMs, ctimeMs: now.ctimeMs, ino: now.ino });
  });

  it('shares one read between concurrent calls for one file', async () => {
    const path = await file('a', 'v1');
    const { calls, hash } = countingHash();
    const digests = new FileDigests({ hash });
    const [x, y, z] = await Promise.all([digests.digest(path), digests.digest(path), digests.digest(path)]);
    expect(x).toBe(y);
    expect(y).toBe(z);
    expect(calls).toHaveLength(1);
  });

  it('keeps at most maxEntries digests, dropping the least recently used', async () => {
    const [a, b, c] = await Promise.all([file('a', 'A'), file('b', 'B'), file('c', 'C')]);
    const { calls, hash } = countingHash();
    const digests = new FileDigests({ hash, maxEntries: 2 });
    await digests.digest(a);
    await digests.digest(b);
    await digests.digest(a); // a is now the most recently used
    await digests.digest(c); // drops b
    expect(digests.size).toBe(2);
    await digests.digest(a);
    await digests.digest(b);
    expect(calls).toEqual([a, b, c, b]);
  });

  it('rejects with the file system error for a missing file, caching nothing', async () => {
    const digests = new FileDigests();
    await expect(digests.digest(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(digests.size).toBe(0);
  });
});

describe('FileDigests: a file written while it is read', () => {
  const stats = (mtimeMs: number) => ({ size: 1, mtimeMs });
  const changing = (results: HashedFile[]) => {
    let call = 0;
    return { hash: async () => results[Math.min(call++, results.length - 1)], calls: () => call };
  };

  it('reads it again until one read sees one version', async () => {
    const fake = changing([
      { digest: 'torn', before: stats(1), after: stats(2) },
      { digest: 'whole', before: stats(2), after: stats(2) },
    ]);
    const digests = new FileDigests({ hash: fake.hash });
    expect(await digests.digest('/x', stats(1))).toEqual({ digest: 'whole', stat: stats(2) });
    expect(fake.calls()).toBe(2);
  });

  it(`gives up after ${HASH_ATTEMPTS} torn reads, naming the file`, async () => {
    const fake = changing([{ digest: 'torn', before: stats(1), after: stats(2) }]);
    const digests = new FileDigests({ hash: fake.hash });
    await expect(digests.digest('/x', stats(1))).rejects.toThrow(
      new Error(`file digests: /x changed while it was read, ${HASH_ATTEMPTS} times in a row`),
    );
    expect(fake.calls()).toBe(HASH_ATTEMPTS);
    expect(digests.size).toBe(0);
  });
});

describe('FileDigests options are checked once, with clear errors', () => {
  it('refuses an unknown algorithm', () => {
    expect(() => new FileDigests({ algorithm: 'sha-nope' })).toThrow(
      new TypeError('file digests: unknown hash algorithm "sha-nope"; see crypto.getHashes()'),
    );
  });

  it('refuses a maxEntries below 1', () => {
    expect(() => new FileDigests({ maxEntries: 0 })).toThrow(
      new TypeError('file digests: maxEntries must be a whole number of at least 1, got 0'),
    );
  });

  it('hashes with the algorithm given', async () => {
    const path = await file('a', 'x');
    const digests = new FileDigests({ algorithm: 'sha1' });
    expect((await digests.digest(path)).digest).toBe(createHash('sha1').update('x').digest('base64url'));
  });
});

describe('sameVersion: every fact both stats have agrees', () => {
  it('compares size and mtime always, ctime and inode when both have them', () => {
    expect(sameVersion({ size: 1, mtimeMs: 2 }, { size: 1, mtimeMs: 2, ctimeMs: 3, ino: 4 })).toBe(true);
    expect(sameVersion({ size: 1, mtimeMs: 2, ino: 4 }, { size: 1, mtimeMs: 2, ino: 5 })).toBe(false);
    expect(sameVersion({ size: 1, mtimeMs: 2, ctimeMs: 3 }, { size: 1, mtimeMs: 2, ctimeMs: 4 })).toBe(false);
    expect(sameVersion({ size: 1, mtimeMs: 2 }, { size: 2, mtimeMs: 2 })).toBe(false);
    expect(sameVersion({ size: 1, mtimeMs: 2 }, { size: 1, mtimeMs: 3 })).toBe(false);
  });
});

describe('FileDigests.cached(): the digest kept, without waiting', () => {
  it('gives what digest() computed while the stat is the same, and nothing for another stat', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'nestjs-etag-cached-'));
    try {
      const path = join(folder, 'a.txt');
      await writeFile(path, 'bytes');
      const digests = new FileDigests();
      const facts = statOf(await stat(path));
      expect(digests.cached(path, facts)).toBeUndefined();
      const computed = await digests.digest(path, facts);
      expect(digests.cached(path, facts)).toBe(computed);
      expect(digests.cached(path, { ...facts, size: facts.size + 1 })).toBeUndefined();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
