/**
 * Validators of a file, taken from what `stat` says of it, so that a 304,
 * a 412 or an If-Range is decided without reading a byte (RFC 9110 §8.8).
 */
import type { EntityTagger } from './entity-tagger.js';
import type { Tag } from './tag.js';

/** What the module reads of a file's `fs.Stats` (or of any store that keeps the same facts). */
export interface FileStat {
  /** Bytes. */
  readonly size: number;
  /** The modification time, epoch milliseconds, as `fs.Stats#mtimeMs` gives it. */
  readonly mtimeMs: number;
  /**
   * The status change time and the inode, when the source has them: never
   * part of a tag (they differ from machine to machine), only used to tell
   * that a cached digest may be stale (file-digests.ts).
   */
  readonly ctimeMs?: number;
  readonly ino?: number;
}

/**
 * The `Last-Modified` of a file, in epoch seconds: the second its
 * modification time falls in (an HTTP-date has no finer precision, §5.6.7).
 * Clamp it to the response's `Date` before sending (`clampLastModified`).
 */
export function fileLastModified(stat: FileStat): number {
  if (!Number.isFinite(stat.mtimeMs)) {
    throw new TypeError(`file: mtimeMs must be epoch milliseconds, got ${String(stat.mtimeMs)}`);
  }
  return Math.floor(stat.mtimeMs / 1000);
}

/**
 * The weak tag of a file's size and whole-millisecond modification time,
 * as `send` and `@fastify/static` make theirs, through the module's tagger
 * (its hash, its secret, the route's scope).
 *
 * Weak, because it is not a promise about the bytes (§8.8.1): a rewrite
 * that keeps the size within the modification time's resolution (a second
 * on some file systems, two on FAT, a tick of a coarse clock) leaves it
 * unchanged, as does a write that restores the old mtime (`touch -d`,
 * `rsync -t`, `tar x`). A weak tag still answers If-None-Match (304); it
 * never answers If-Match or If-Range, so no byte range of the new file is
 * ever spliced onto a copy of the old one. It is the same on every
 * instance only where deployment keeps modification times (a copy that
 * resets them gives each machine its own tag).
 *
 * @throws TypeError when `size` is not a whole number of bytes or `mtimeMs` is not finite.
 */
export function weakFileTag(tagger: EntityTagger, stat: FileStat, scope?: string): Tag {
  if (!Number.isSafeInteger(stat.size) || stat.size < 0) {
    throw new TypeError(`file: size must be a whole number of bytes, got ${String(stat.size)}`);
  }
  // Whole milliseconds: file systems keep finer times differently, so a copy
  // of the same file would otherwise get another tag on a different disk.
  fileLastModified(stat); // checks mtimeMs
  return tagger.ofBytes(`${stat.size}:${Math.floor(stat.mtimeMs)}`, true, scope);
}

/**
 * The strong tag of a content digest (a file's, from file-digests.ts, or one
 * a store kept when it saved the bytes): the hash of the digest under the
 * route's scope, so two resources with the same content never share a tag.
 * Strong (§8.8.1): it changes with any change of the bytes, and it is the
 * same on every instance, since the digest holds neither a path nor an inode.
 */
export function digestTag(tagger: EntityTagger, digest: string, scope?: string): Tag {
  if (typeof digest !== 'string' || digest === '') {
    throw new TypeError(`file: a content digest must be a non-empty string, got ${JSON.stringify(digest)}`);
  }
  return tagger.ofBytes(digest, false, scope);
}
