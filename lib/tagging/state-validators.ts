import { clampLastModified, toEpochSeconds } from '../http/http-date.js';
import { describeValue } from '../http/value-description.js';
import type { EntityTagger } from './entity-tagger.js';
import type { FileFacts } from './file-state.js';
import { compilePropertyPath } from './property-path.js';
import type { Tag } from './tag.js';

/** What the module validates a representation by: its entity tag and its last modification date. */
export interface Validators {
  readonly tag: Tag | undefined;
  /**
   * Epoch seconds, never later than now (see {@link compileLastModified});
   * `undefined` when the route has no date or the value none.
   */
  readonly lastModified: number | undefined;
  /**
   * The state, when it is a file's (file-state.ts): its size is the
   * representation's length, and a file opened to send it must still be it.
   */
  readonly file?: FileFacts;
}

/**
 * Reads a route's last modification date from a state or a body (a `Date`,
 * epoch milliseconds, or a date string) as the `Last-Modified` to send now:
 * epoch seconds, and never later than the response's own `Date`, which an
 * origin server must not send (RFC 9110 §8.8.2.1). The one place a date is
 * clamped, so that what is sent and what conditions are judged by agree,
 * before the handler or inside a write.
 * @throws TypeError naming the property when its value is none of those.
 */
export function compileLastModified(path: string): (value: unknown) => number | undefined {
  const read = compilePropertyPath(path);
  return (value) => {
    const date = read(value);
    if (date === undefined || date === null) return undefined;
    const time =
      date instanceof Date
        ? date.getTime()
        : typeof date === 'number' || typeof date === 'string'
          ? new Date(date).getTime()
          : NaN;
    if (!Number.isFinite(time)) {
      throw new TypeError(
        `lastModified: property "${path}" must be a Date, epoch milliseconds or a date string, got ${describeValue(date)}`,
      );
    }
    return clampLastModified(toEpochSeconds(new Date(time)), Math.floor(Date.now() / 1000));
  };
}

/** How many version tags a route keeps (see {@link compileVersion}). */
export const KEPT_VERSION_TAGS = 256;

/** A route's version, read from a state, and the tag it makes. */
export interface VersionSource {
  /** The version of a state: what a write's precondition expects. */
  readonly versionOf: (state: unknown) => unknown;
  /** The tag of a state's version within `scope` (the target URI and the API version). */
  readonly tagOf: (state: unknown, scope: string) => Tag | undefined;
}

/**
 * The version of a state and its tag: the hash of the version and its scope
 * (the target URI and the route's API version), so two resources or two
 * representations with the same version number never share a tag. The
 * property path is compiled once, for both.
 * @throws TypeError naming the property when the version is not a string, a number, a bigint or a `Date`.
 */
export function compileVersion(tagger: EntityTagger, path: string, weak: boolean): VersionSource {
  const versionOf = compilePropertyPath(path);
  // A version route revalidates the same few (target, version) pairs over and
  // over: their tags are kept, as the hash is most of what a version 304
  // costs the module. Bounded, since the target comes from the request.
  const kept = new Map<string, Tag>();
  return {
    versionOf,
    tagOf: (state, scope) => {
      const version = versionOf(state);
      if (version === undefined || version === null) return undefined;
      const type = typeof version;
      if (type !== 'string' && type !== 'number' && type !== 'bigint' && !(version instanceof Date)) {
        throw new TypeError(
          `version: property "${path}" must be a string, a number, a bigint or a Date, got ${describeValue(version)}`,
        );
      }
      const text = version instanceof Date ? String(version.getTime()) : String(version);
      const key = `${scope}\n${text}`;
      let tag = kept.get(key);
      if (tag === undefined) {
        tag = tagger.ofBytes(text, weak, scope);
        if (kept.size >= KEPT_VERSION_TAGS) kept.clear();
        kept.set(key, tag);
      }
      return tag;
    },
  };
}
