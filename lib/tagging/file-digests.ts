/**
 * Content digests of files, each computed once and reused while the file's
 * size and modification time (and, where `stat` gives them, its status
 * change time and inode) are unchanged: a strong tag for a file without
 * reading it on every request.
 */
import { getHashes } from 'node:crypto';
import { stat as statPath } from 'node:fs/promises';
import { hashFile, type HashedFile, statOf } from './file-digest.js';
import type { FileStat } from './file-validators.js';

/** A file's digest and the `stat` of the version it is the digest of. */
export interface FileDigest {
  readonly digest: string;
  /** Send this version's size and Last-Modified with the digest's tag, not an older `stat`'s. */
  readonly stat: FileStat;
}

/** How {@link FileDigests} computes and caches. */
export interface FileDigestsOptions {
  /** A hash `crypto.getHashes()` lists; `sha256` by default. */
  readonly algorithm?: string;
  /** How many files' digests are kept, the least recently used dropped first; 256 by default. */
  readonly maxEntries?: number;
  /** Reads a file's digest; {@link hashFile} by default (tests count calls). */
  readonly hash?: (path: string, algorithm: string) => Promise<HashedFile>;
}

/** How many times a file that changes while it is hashed is hashed again before giving up. */
export const HASH_ATTEMPTS = 3;

/**
 * A small bounded cache of file digests. A digest is of the bytes alone,
 * so every instance that serves the same bytes computes the same one,
 * wherever the file lies and whatever its inode. The cache is only as good
 * as `stat`: a rewrite that keeps size, mtime and ctime alike (not possible
 * through the file system's own calls, which set ctime) goes unseen; a
 * route that writes its files should call {@link forget} after each write.
 */
export class FileDigests {
  private readonly algorithm: string;
  private readonly maxEntries: number;
  private readonly hash: (path: string, algorithm: string) => Promise<HashedFile>;
  // Map keeps insertion order: the first key is the least recently used.
  private readonly entries = new Map<string, FileDigest>();
  private readonly pending = new Map<string, Promise<FileDigest>>();

  /** @throws TypeError for an algorithm Node does not have, or a `maxEntries` below 1. */
  constructor(options: FileDigestsOptions = {}) {
    const { algorithm = 'sha256', maxEntries = 256, hash = hashFile } = options;
    if (!getHashes().includes(algorithm)) {
      throw new TypeError(`file digests: unknown hash algorithm ${JSON.stringify(algorithm)}; see crypto.getHashes()`);
    }
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new TypeError(`file digests: maxEntries must be a whole number of at least 1, got ${String(maxEntries)}`);
    }
    this.algorithm = algorithm;
    this.maxEntries = maxEntries;
    this.hash = hash;
  }

  /**
   * The digest of the file at `path`: the cached one while `stat` matches
   * it, else one read now (concurrent calls for one file share the read).
   *
   * @param stat what the caller's `stat` said; read here when omitted.
   * @throws the file system's error (`ENOENT` for a missing file), or an
   *   Error when the file changed during each of {@link HASH_ATTEMPTS} reads.
   */
  async digest(path: string, stat?: FileStat): Promise<FileDigest> {
    const known = stat ?? statOf(await statPath(path));
    const cached = this.cached(path, known);
    if (cached !== undefined) return cached;
    const running = this.pending.get(path);
    if (running !== undefined) {
      const shared = await running;
      if (sameVersion(shared.stat, known)) return shared;
    }
    const computing = this.compute(path);
    this.pending.set(path, computing);
    try {
      return await computing;
    } finally {
      if (this.pending.get(path) === computing) this.pending.delete(path);
    }
  }

  /**
   * The digest kept for `path` while `stat` still describes the version it
   * is of, without waiting for anything: what a request pays once the file
   * was hashed. `undefined` when none is kept, or it is of another version.
   */
  cached(path: string, stat: FileStat): FileDigest | undefined {
    const cached = this.entries.get(path);
    if (cached === undefined || !sameVersion(cached.stat, stat)) return undefined;
    this.entries.delete(path); // most recently used now
    this.entries.set(path, cached);
    return cached;
  }

  /** Drops what is known of `path`: call it after the app writes the file. */
  forget(path: string): void {
    this.entries.delete(path);
  }

  /**
   * Keeps `entry` as the digest of `path` while its stat is `entry.stat`:
   * for an app that hashed the bytes as it wrote them, so the next request
   * reads nothing.
   */
  remember(path: string, entry: FileDigest): void {
    this.entries.delete(path);
    this.entries.set(path, entry);
    this.trim();
  }

  /** How many digests are kept. */
  get size(): number {
    return this.entries.size;
  }

  private async compute(path: string): Promise<FileDigest> {
    for (let attempt = 0; attempt < HASH_ATTEMPTS; attempt++) {
      const { digest, before, after } = await this.hash(path, this.algorithm);
      if (!sameVersion(before, after)) continue; // written while read: the digest is of no one version
      const entry: FileDigest = { digest, stat: after };
      this.remember(path, entry);
      return entry;
    }
    throw new Error(`file digests: ${path} changed while it was read, ${HASH_ATTEMPTS} times in a row`);
  }

  private trim(): void {
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/** Whether two stats describe one version of a file, by every fact both have. */
export function sameVersion(a: FileStat, b: FileStat): boolean {
  const agree = (x: number | undefined, y: number | undefined) => x === undefined || y === undefined || x === y;
  return a.size === b.size && a.mtimeMs === b.mtimeMs && agree(a.ctimeMs, b.ctimeMs) && agree(a.ino, b.ino);
}
