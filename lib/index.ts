export type { CurrentState, EtagRequest } from './current-state.interface.js';
export { Etag } from './etag.decorator.js';
export {
  type ConditionProblem,
  EtagConditionException,
  EtagMalformedConditionException,
  EtagNotModifiedException,
  EtagPreconditionFailedException,
  EtagPreconditionRequiredException,
} from './etag.exceptions.js';
export { EtagExceptionFilter } from './etag-exception.filter.js';
export { type EtagConditions, EtagInterceptor, type EtagRoute, type EtagResponse } from './etag.interceptor.js';
export { EtagModule } from './etag.module.js';
export { ETAG_MODULE_OPTIONS } from './etag.module-definition.js';
export type {
  EtagModuleOptions,
  EtagOptions,
  ResolvedEtagModuleOptions,
  RouteEtagOptions,
} from './etag-options.interface.js';
export type { IfMatchCondition, IfNoneMatchCondition } from './condition-param.js';
export { EtagService, type TagFunction } from './etag.service.js';
export { IfMatch } from './if-match.decorator.js';
export { IfNoneMatch } from './if-none-match.decorator.js';
export { RequireIfMatch } from './require-if-match.decorator.js';
export type { ConditionList } from './http/condition-list.js';
export { type EntityTag, formatEntityTag, parseEntityTag, strongMatch, weakMatch } from './http/entity-tag.js';
