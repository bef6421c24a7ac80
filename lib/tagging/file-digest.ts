/**
 * The content digest of a file, read once through one small buffer: the
 * file is never whole in memory, however large.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { FileStat } from './file-validators.js';

/** A file's digest and what `fstat` said of the open file before and after it was read. */
export interface HashedFile {
  /** The hash of the bytes alone (no path, no inode, no time), base64url. */
  readonly digest: string;
  readonly before: FileStat;
  readonly after: FileStat;
}

/** Bytes read at a time: the memory one hashing holds, whatever the file's size. */
export const READ_SIZE = 64 * 1024;

/**
 * Hashes the file at `path` with `algorithm` (a name `crypto.getHashes()`
 * lists). `before` and `after` differ when the file was written while it
 * was read; the digest is then of no one version of it, and the caller
 * must not trust it (file-digests.ts tries again).
 */
export async function hashFile(path: string, algorithm: string): Promise<HashedFile> {
  const file = await open(path, 'r');
  try {
    const before = statOf(await file.stat());
    const hash = createHash(algorithm);
    const buffer = Buffer.allocUnsafe(READ_SIZE);
    let position = 0;
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
    const after = statOf(await file.stat());
    return { digest: hash.digest('base64url'), before, after };
  } finally {
    await file.close();
  }
}

/** The facts of `fs.Stats` the module keeps. */
export function statOf(stats: Stats): FileStat {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino };
}
