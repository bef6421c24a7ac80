export type { CurrentState, EtagRequest } from './nest/current-state.interface.js';
export { Etag } from './nest/etag.decorator.js';
export {
  type ConditionProblem,
  EtagConditionException,
  EtagHeaderFieldsTooLargeException,
  EtagMalformedConditionException,
  EtagNotModifiedException,
  EtagPreconditionFailedException,
  EtagPreconditionRequiredException,
} from './nest/etag.exceptions.js';
export { EtagExceptionFilter } from './nest/etag-exception.filter.js';
export { EtagModule } from './nest/etag.module.js';
export { ETAG_MODULE_OPTIONS } from './nest/etag.module-definition.js';
export type { EtagModuleOptions, EtagOptions, ResolvedEtagModuleOptions } from './nest/etag-options.interface.js';
export type { IfMatchCondition, IfNoneMatchCondition } from './nest/condition-param.js';
export { EtagService } from './nest/etag.service.js';
export { IfMatch } from './nest/if-match.decorator.js';
export { IfNoneMatch } from './nest/if-none-match.decorator.js';
export { RequireIfMatch } from './nest/require-if-match.decorator.js';
export { Precondition, WritePrecondition } from './nest/write-precondition.js';
export type { WriteFilter } from './nest/write-filter.js';
export type { ConditionList } from './http/condition-list.js';
export { type EntityTag, formatEntityTag, parseEntityTag, strongMatch, weakMatch } from './http/entity-tag.js';
export { ETAG_EXPOSED_HEADERS, ETAG_REQUEST_HEADERS, type EtagCorsFields, etagCorsOptions } from './nest/etag-cors.js';
