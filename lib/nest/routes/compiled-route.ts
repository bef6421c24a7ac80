import type { Type } from '@nestjs/common';
import { createFileTagger, type FileFacts, fileStateValidators, isFileState } from '../../tagging/file-state.js';
import type { RepresentationTagger } from '../../tagging/representation-tagger.js';
import { compileLastModified, compileVersion, type Validators } from '../../tagging/state-validators.js';
import type { Tag } from '../../tagging/tag.js';
import type { CurrentState } from '../current-state.interface.js';
import type { EtagTaggers } from '../etag-taggers.provider.js';
import type { RouteEtagOptions } from '../options/etag-options.interface.js';

/** What the module knows of one decorated route, compiled once as the app starts. */
export interface CompiledRoute {
  /** Names the route in messages: `UsersController.findOne()`. */
  readonly where: string;
  readonly requireIfMatch: boolean;
  /**
   * Whether the module's guard runs before its handler (routes/guard-order.ts):
   * only then does a request of the route carry an exchange.
   */
  readonly guarded: boolean;
  /** Where the current state comes from; its validators are then the route's. */
  readonly current: Type<CurrentState> | undefined;
  /** Serves byte ranges of a file state (`@Etag({ ranges: true })`). */
  readonly ranges: boolean;
  /** Reads the version of a state, on a route whose tag comes from a version. */
  readonly versionOf: ((state: unknown) => unknown) | undefined;
  /** The `version` option: the property path of the version, where a write filter puts it. */
  readonly versionPath: string | undefined;
  /** The tag of a body about to be sent, on a route without a `current` source. */
  readonly bodyTag: RepresentationTagger['ofBody'];
  /**
   * The tag of a body from its value alone, before it is serialised (a field
   * tag), on a route without a `current` source; `undefined` where the
   * bytes are needed.
   */
  readonly valueTag: RepresentationTagger['ofSelection'];
  /** The last modification date of a body about to be sent, on a route without a `current` source. */
  readonly bodyLastModified: ((value: unknown) => number | undefined) | undefined;
  /**
   * The validators of a state, or of the new state a write answers with, of
   * the resource at `target` (a path and query): what a GET of it sends.
   */
  readonly validatorsOf: (state: unknown, target: string) => Validators;
  /**
   * Whether the send path needs the value a route sends, before it is
   * serialised, and not its bytes alone: the new state a write of a route
   * with a `current` source answers with, a field tag, a date read from it.
   */
  readonly valueNeeded: boolean;
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
export interface RouteDeclaration {
  readonly where: string;
  readonly requireIfMatch: boolean;
  readonly guarded: boolean;
  /** Nest's version metadata: a string, a list, or VERSION_NEUTRAL. */
  readonly apiVersion: unknown;
  readonly headers: CompiledRoute['headers'];
}

/** Compiles one route from its merged options: every per-request decision made here, once. */
export function compileRoute(taggers: EtagTaggers, options: RouteEtagOptions, route: RouteDeclaration): CompiledRoute {
  const apiVersion = apiVersionKey(route.apiVersion);
  // A state tag is the route's own: v1 and v2 of a route never share one.
  const tagger = taggers.forRoute({ ...options, key: options.current && apiVersion });
  const lastModified = options.lastModified === undefined ? undefined : compileLastModified(options.lastModified);
  const version =
    options.version === undefined ? undefined : compileVersion(taggers.tagger, options.version, options.weak);
  const stateTag: (state: unknown, target: string) => Tag | undefined =
    version === undefined
      ? (state) => tagger.ofValue(taggers.plain(state))
      : (state, target) => version.tagOf(state, `${apiVersion ?? ''} ${target}`);
  // A file's state is tagged as a file (file-state.ts), scoped as a version tag is.
  const fileTagger = createFileTagger(taggers.tagger, options.weak);
  const fileTag = (state: FileFacts, target: string): Tag | undefined =>
    version === undefined ? fileTagger(state, `${apiVersion ?? ''} ${target}`) : stateTag(state, target);
  const bodyLastModified = options.current === undefined ? lastModified : undefined;
  return {
    where: route.where,
    requireIfMatch: route.requireIfMatch,
    guarded: route.guarded,
    current: options.current,
    ranges: options.ranges,
    versionOf: version?.versionOf,
    versionPath: options.version,
    bodyTag: tagger.ofBody,
    valueTag: tagger.ofSelection,
    bodyLastModified,
    validatorsOf: (state, target) =>
      isFileState(state)
        ? fileStateValidators(state, fileTag(state, target), lastModified)
        : {
            tag: stateTag(state, target),
            lastModified: state === undefined || state === null ? undefined : lastModified?.(state),
          },
    valueNeeded: options.current !== undefined || options.fields !== undefined || bodyLastModified !== undefined,
    headers: route.headers,
    cacheControl: options.cacheControl,
  };
}

/** The key that tells apart the API versions of a route (`@Version()`), or `undefined` for an unversioned one. */
export function apiVersionKey(version: unknown): string | undefined {
  if (version === undefined) return undefined;
  const versions = Array.isArray(version) ? version : [version];
  return `version:${versions.map(String).sort().join(',')}`;
}
