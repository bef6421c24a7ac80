import type { ByteRange } from '../../http/byte-ranges.js';
import type { ParsedConditions } from '../../http/preconditions.js';
import type { Validators } from '../../tagging/state-validators.js';
import { EXCHANGE, REFUSAL } from '../etag.constants.js';
import type { CompiledRoute } from '../routes/compiled-route.js';
import type { WritePrecondition } from './write-precondition.js';

/**
 * The module's record of one request on a decorated route: what was learnt
 * before the handler (request/admission.ts), for the send path and the
 * parameter decorators. A read of a route the guard is not kept on has
 * none: the send path knows its route from the claim (routes/route-claims.ts).
 */
export interface Exchange {
  readonly route: CompiledRoute;
  /** The request's conditions, read once. */
  readonly conditions: ParsedConditions;
  /** The validators of the state loaded before the handler, on a route with a `current` source. */
  readonly state?: Validators;
  /** What a write's store must enforce, on a write to a route with a `current` source. */
  readonly precondition?: WritePrecondition;
  /** The byte ranges a 206 sends, on a GET of a route with `ranges` (request/ranges.ts). */
  readonly ranges?: readonly ByteRange[];
}

/** An error of the admission run before Nest's pipeline (routes/early-admission.ts). */
export interface Refusal {
  readonly error: unknown;
}

type WithExchange = { [EXCHANGE]?: Exchange; [REFUSAL]?: Refusal };

/** The exchange the guard left on a request, if it is on a decorated route. */
export function exchangeOf(request: object): Exchange | undefined {
  return (request as WithExchange)[EXCHANGE];
}

export function setExchange(request: object, exchange: Exchange): void {
  (request as WithExchange)[EXCHANGE] = exchange;
}

/** Keeps `error` for the guard to throw, inside Nest's pipeline, where the app's filters see it. */
export function setRefusal(request: object, error: unknown): void {
  (request as WithExchange)[REFUSAL] = { error };
}

/** The refusal kept on a request, if any. */
export function refusalOf(request: object): Refusal | undefined {
  return (request as WithExchange)[REFUSAL];
}
