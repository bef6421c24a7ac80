import { HttpException } from '@nestjs/common';
import { brand, hasBrand } from './cross-build.js';
import type { ConditionHeader } from '../../http/header-names.js';

/**
 * An RFC 9457 problem details object, the body of a 400, 412 or 428.
 * `header` names the condition header at fault, an extension member.
 */
export interface ConditionProblem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly header?: ConditionHeader;
}

/**
 * The base of every outcome of a conditional request. The module's filter
 * renders these (and nothing else); thrown from a service on a route
 * without `@Etag`, they still carry the right status and body through
 * Nest's default filter.
 */
export abstract class EtagConditionException extends HttpException {
  /** Also true for an instance of this class from the package's other build (CommonJS or ES module). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, value) || hasBrand(this, value);
  }

  /** The current entity tag, sent as `ETag` with the response; `undefined` when the resource has none. */
  readonly etag: string | undefined;

  /**
   * @param etag the current entity tag, sent as `ETag` with the response,
   *   or `undefined` when the resource has no current representation.
   */
  protected constructor(body: ConditionProblem | string, status: number, etag: string | undefined) {
    // A 304 or a 412 is an outcome, not a fault, and it is on the hot path: a
    // stack trace would be most of its cost and of no use to anyone.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(body, status);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.etag = etag;
  }
}

brand(EtagConditionException, 'EtagConditionException');
