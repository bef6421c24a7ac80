import { toEpochSeconds } from '../http/http-date.js';
import type { EntityTagger, Tag } from './entity-tagger.js';
import { compilePropertyPath } from './property-path.js';

/** What the module validates a representation by: its entity tag and its last modification date. */
export interface Validators {
  readonly tag: Tag | undefined;
  /** Epoch seconds; `undefined` when the route has no date or the value none. */
  readonly lastModified: number | undefined;
}

/**
 * Reads a route's last modification date from a state or a body: a `Date`,
 * epoch milliseconds, or a date string.
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
        `lastModified: property "${path}" must be a Date, epoch milliseconds or a date string, got ${describe(date)}`,
      );
    }
    return toEpochSeconds(new Date(time));
  };
}

/**
 * The tag of a version: the hash of the version and its scope (the target
 * URI and the route's API version), so two resources or two
 * representations with the same version number never share a tag.
 * @throws TypeError naming the property when the version is not a string, a number, a bigint or a `Date`.
 */
export function compileVersionTag(
  tagger: EntityTagger,
  path: string,
  weak: boolean,
): (state: unknown, scope: string) => Tag | undefined {
  const read = compilePropertyPath(path);
  return (state, scope) => {
    const version = read(state);
    if (version === undefined || version === null) return undefined;
    if (!['string', 'number', 'bigint'].includes(typeof version) && !(version instanceof Date)) {
      throw new TypeError(
        `version: property "${path}" must be a string, a number, a bigint or a Date, got ${describe(version)}`,
      );
    }
    const text = version instanceof Date ? String(version.getTime()) : String(version);
    return tagger.ofBytes(text, weak, scope);
  };
}

function describe(value: unknown): string {
  try {
    return `${typeof value} ${JSON.stringify(value) ?? String(value)}`;
  } catch {
    return typeof value;
  }
}
