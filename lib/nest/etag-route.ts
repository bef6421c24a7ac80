import type { Type } from '@nestjs/common';
import { clampLastModified, formatHttpDate } from '../http/http-date.js';
import type { Tag } from '../tagging/entity-tagger.js';
import { compilePropertyPath } from '../tagging/property-path.js';
import type { RepresentationTagger } from '../tagging/representation-tagger.js';
import { compileLastModified, compileVersionTag, type Validators } from '../tagging/validators.js';
import type { CurrentState } from './current-state.interface.js';
import type { RouteEtagOptions } from './etag-options.interface.js';
import type { EtagService } from './etag.service.js';

/** What the module knows of one decorated route, compiled once. */
export interface EtagRoute {
  /** Names the route in messages: `UsersController.findOne()`. */
  readonly where: string;
  readonly requireIfMatch: boolean;
  /** Where the current state comes from; its validators are then the route's. */
  readonly current: Type<CurrentState> | undefined;
  /** Reads the version of a state, on a route whose tag comes from a version. */
  readonly versionOf: ((state: unknown) => unknown) | undefined;
  /** The tag of a body about to be sent, on a route without a `current` source. */
  readonly bodyTag: RepresentationTagger['ofBody'];
  /** The last modification date of a body about to be sent, on a route without a `current` source. */
  readonly bodyLastModified: ((value: unknown) => number | undefined) | undefined;
  /**
   * The validators of a state, or of the new state a write answers with, of
   * the resource at `target` (a path and query): what a GET of it sends.
   */
  readonly validatorsOf: (state: unknown, target: string) => Validators;
  /**
   * The handler's `@Header()`s. Nest sets them after the guards, so a 304 or
   * 412 decided before the handler sets them itself: a 304 carries the
   * Cache-Control, Vary, … the 200 would (RFC 9110 §15.4.5).
   */
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  /** The `Cache-Control` of its tagged responses and 304s, or `false` for none. */
  readonly cacheControl: string | false;
}

/** The route-level facts the reflector gives, besides the merged options. */
export interface RouteFacts {
  readonly where: string;
  readonly requireIfMatch: boolean;
  /** Nest's version metadata: a string, a list, or VERSION_NEUTRAL. */
  readonly apiVersion: unknown;
  readonly headers: EtagRoute['headers'];
}

/** Compiles one route from its merged options: every per-request decision made here, once. */
export function compileRoute(etags: EtagService, options: RouteEtagOptions, facts: RouteFacts): EtagRoute {
  const apiVersion = versionKey(facts.apiVersion);
  // A state tag is the route's own: v1 and v2 of a route never share one.
  const tagger = etags.createTagger({ ...options, key: options.current && apiVersion });
  const lastModified = options.lastModified === undefined ? undefined : compileLastModified(options.lastModified);
  const versionTag =
    options.version === undefined ? undefined : compileVersionTag(etags.tagger, options.version, options.weak);

  const stateTag: (state: unknown, target: string) => Tag | undefined =
    versionTag === undefined
      ? (state) => tagger.ofValue(etags.plain(state))
      : (state, target) => versionTag(state, `${apiVersion ?? ''} ${target}`);
  return {
    where: facts.where,
    requireIfMatch: facts.requireIfMatch,
    current: options.current,
    versionOf: options.version === undefined ? undefined : compilePropertyPath(options.version),
    bodyTag: tagger.ofBody,
    bodyLastModified: options.current === undefined ? lastModified : undefined,
    validatorsOf: (state, target) => ({
      tag: stateTag(state, target),
      lastModified: state === undefined || state === null ? undefined : lastModified?.(state),
    }),
    headers: facts.headers,
    cacheControl: options.cacheControl,
  };
}

/**
 * The `Last-Modified` value for a date: never later than the response's
 * own `Date`, now (RFC 9110 §8.8.2.1). Returns the clamped epoch seconds,
 * the value preconditions are judged by, with its header text.
 */
export function lastModifiedHeader(lastModified: number): [seconds: number, header: string] {
  const seconds = clampLastModified(lastModified, Math.floor(Date.now() / 1000));
  return [seconds, formatHttpDate(seconds)];
}

function versionKey(version: unknown): string | undefined {
  if (version === undefined) return undefined;
  const versions = Array.isArray(version) ? version : [version];
  return `version:${versions.map(String).sort().join(',')}`;
}
