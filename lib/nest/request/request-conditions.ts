import type { ExecutionContext } from '@nestjs/common';
import type { CodedConditionList } from '../../http/content-coding.js';
import { REQUEST } from '../../http/header-names.js';
import { parseConditions, type ParsedConditions, PROCEED } from '../../http/preconditions.js';
import type { EtagRequest } from '../current-state.interface.js';
import { PARAM_KIND, type ParamKind } from '../etag.constants.js';
import { throwUnlessProceed } from '../rendering/outcome-exception.js';
import { exchangeOf } from './exchange.js';

/** A condition header that parsed: `*` or a list of tags. */
export type ValidCondition = Exclude<CodedConditionList, { kind: 'malformed' }>;

/** A validated `If-Match` condition, as `@IfMatch()` hands it to a handler. */
export type IfMatchCondition = ValidCondition;

/** A validated `If-None-Match` condition, as `@IfNoneMatch()` hands it to a handler. */
export type IfNoneMatchCondition = ValidCondition;

// The conditions of a request that sends none, one per method: reading them allocates nothing.
const NONE = new Map<string, ParsedConditions>();

/**
 * Reads a request's condition headers: the one place that does. What the
 * headers alone call for (428, 400) is in `outcome`.
 */
export function readConditions(request: EtagRequest, requireIfMatch: boolean): ParsedConditions {
  const { headers, method } = request;
  const ifMatch = headers[REQUEST.ifMatch];
  const ifNoneMatch = headers[REQUEST.ifNoneMatch];
  const ifModifiedSince = headers[REQUEST.ifModifiedSince];
  const ifUnmodifiedSince = headers[REQUEST.ifUnmodifiedSince];
  if (
    ifMatch === undefined &&
    ifNoneMatch === undefined &&
    ifModifiedSince === undefined &&
    ifUnmodifiedSince === undefined &&
    !requireIfMatch
  ) {
    let none = NONE.get(method);
    if (none === undefined) NONE.set(method, (none = Object.freeze({ method, outcome: PROCEED })));
    return none;
  }
  return parseConditions({ method, ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince, requireIfMatch });
}

/**
 * The conditions of a request as the guard read them, or, on a route the
 * guard does not handle, read now (a malformed list is a 400).
 */
export function conditionsOf(request: EtagRequest): ParsedConditions {
  const exchange = exchangeOf(request);
  if (exchange !== undefined) return exchange.conditions;
  const conditions = readConditions(request, false);
  throwUnlessProceed(conditions.outcome, undefined);
  return conditions;
}

/** Marks the factory of one of the module's parameter decorators, for bootstrap to recognise. */
export function paramFactory<T>(kind: ParamKind, factory: (data: unknown, context: ExecutionContext) => T) {
  Object.defineProperty(factory, PARAM_KIND, { value: kind });
  return factory;
}

const requestOf = (context: ExecutionContext) => context.switchToHttp().getRequest<EtagRequest>();

/** `@IfMatch()`'s factory: the request's `If-Match`, validated (a malformed one is a 400). */
export const readIfMatch = paramFactory(
  'if-match',
  (_data, context): IfMatchCondition | undefined => conditionsOf(requestOf(context)).ifMatch as ValidCondition,
);

/** `@IfNoneMatch()`'s factory; a malformed one on GET/HEAD is ignored, as if absent. */
export const readIfNoneMatch = paramFactory(
  'if-none-match',
  (_data, context): IfNoneMatchCondition | undefined => conditionsOf(requestOf(context)).ifNoneMatch as ValidCondition,
);
