/**
 * The current state of a file, or of any representation a store keeps as
 * bytes (a blob column): what it is validated by without reading it. A
 * `current` source returns one; the module recognises it by a mark from
 * the global symbol registry (the package's two builds share it), and
 * tags it as a file, never as the JSON of its facts, which would make a
 * strong tag of a modification time.
 */
import { clampLastModified } from '../http/http-date.js';
import { describeValue } from '../http/value-description.js';
import type { EntityTagger } from './entity-tagger.js';
import { type FileStat, fileLastModified, weakFileTag } from './file-validators.js';
import type { Validators } from './state-validators.js';
import type { Tag } from './tag.js';

/** Marks a {@link EtagFileState}, in both builds. */
export const FILE_STATE = Symbol.for('nestjs-etag:file-state');

/** What a file state is made of: its size, its modification time and, for a strong tag, its content digest. */
export interface FileFacts extends FileStat {
  /**
   * A digest of the bytes (any text that changes whenever a byte does, e.g.
   * SHA-256 in base64url): the tag is then strong and the same on every
   * instance. Without it the tag is weak, of size and modification time.
   */
  readonly digest?: string;
}

/** A file's state, as `EtagFiles.stat()` and `fileState()` make it. */
export interface EtagFileState extends FileFacts {
  readonly [FILE_STATE]: true;
}

/**
 * Makes the state of a representation kept as bytes, from facts a store
 * holds (a row's size, update time and stored digest), for a `current`
 * source: the module then validates it as a file. Other properties (a
 * version) are kept as they are.
 *
 * @throws TypeError naming the fact that is not a whole number of bytes,
 *   epoch milliseconds, or a non-empty string.
 */
export function fileState<T extends FileFacts>(facts: T): T & EtagFileState {
  const { size, mtimeMs, digest } = facts ?? ({} as T);
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new TypeError(`fileState: size must be a whole number of bytes, got ${describeValue(size)}`);
  }
  if (typeof mtimeMs !== 'number' || !Number.isFinite(mtimeMs)) {
    throw new TypeError(`fileState: mtimeMs must be epoch milliseconds, got ${describeValue(mtimeMs)}`);
  }
  if (digest !== undefined && (typeof digest !== 'string' || digest === '')) {
    throw new TypeError(`fileState: digest must be a non-empty string, got ${describeValue(digest)}`);
  }
  return Object.freeze({ ...facts, [FILE_STATE]: true as const });
}

/** The state of a file as `stat` (and a digest the module computed) describe it: facts checked already. */
export function statFileState(stat: FileStat, digest?: string): EtagFileState {
  const { size, mtimeMs, ctimeMs, ino } = stat;
  return { size, mtimeMs, ctimeMs, ino, digest, [FILE_STATE]: true };
}

/**
 * Whether a state is a file's: one {@link fileState} made, or an
 * `fs.Stats` (duck-typed), whose JSON (access time included) must never be
 * hashed into a tag.
 */
export function isFileState(state: unknown): state is FileFacts {
  if (state === null || typeof state !== 'object') return false;
  if ((state as { [FILE_STATE]?: true })[FILE_STATE] === true) return true;
  const stats = state as { isFile?: unknown; size?: unknown; mtimeMs?: unknown };
  return typeof stats.isFile === 'function' && typeof stats.size === 'number' && typeof stats.mtimeMs === 'number';
}

/** Tags kept by one route's file tagger before it starts again: bounded, whatever the files. */
const KEPT_TAGS = 1024;

/**
 * The tagger of one route's file states, within a scope (the target URI and
 * API version, as a version tag's): strong from a digest (weak if the route
 * says `weak`), weak from size and modification time (RFC 9110 §8.8.1; see
 * file-validators.ts). A file's tag is the same on every request while the
 * file is unchanged, so each is hashed once and kept.
 */
export function createFileTagger(tagger: EntityTagger, weak: boolean): (state: FileFacts, scope: string) => Tag {
  const kept = new Map<string, Tag>();
  return (state, scope) => {
    const { digest } = state;
    const key = digest === undefined ? `w${state.size}:${state.mtimeMs} ${scope}` : `d${digest} ${scope}`;
    let tag = kept.get(key);
    if (tag === undefined) {
      tag = digest === undefined ? weakFileTag(tagger, state, scope) : tagger.ofBytes(digest, weak, scope);
      if (kept.size >= KEPT_TAGS) kept.clear();
      kept.set(key, tag);
    }
    return tag;
  };
}

/**
 * The validators of a file state: its tag (or the one `tagOf` gives, on a
 * route with a `version`), its `Last-Modified` (the mtime's second, or what
 * `lastModifiedOf` reads), never later than now, and the state itself, which
 * gives the length and what an opened file is checked against.
 */
export function fileStateValidators(
  state: FileFacts,
  tag: Tag | undefined,
  lastModifiedOf: ((state: unknown) => number | undefined) | undefined,
): Validators {
  const lastModified =
    lastModifiedOf === undefined
      ? clampLastModified(fileLastModified(state), Math.floor(Date.now() / 1000))
      : lastModifiedOf(state);
  return { tag, lastModified, file: state };
}
