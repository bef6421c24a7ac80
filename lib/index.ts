export type { CurrentState, EtagRequest } from './nest/current-state.interface.js';
export { Etag } from './nest/decorators/etag.decorator.js';
export { IfMatch } from './nest/decorators/if-match.decorator.js';
export { IfNoneMatch } from './nest/decorators/if-none-match.decorator.js';
export { Precondition } from './nest/decorators/precondition.decorator.js';
export { RequireIfMatch } from './nest/decorators/require-if-match.decorator.js';
export {
  type ConditionProblem,
  EtagConditionException,
  EtagHeaderFieldsTooLargeException,
  EtagMalformedConditionException,
  EtagNotModifiedException,
  EtagPreconditionFailedException,
  EtagPreconditionRequiredException,
} from './nest/exceptions/etag.exceptions.js';
export { EtagRangeNotSatisfiableException } from './nest/exceptions/etag-range.exception.js';
export { EtagExceptionFilter } from './nest/exceptions/etag-exception.filter.js';
export { EtagModule } from './nest/etag.module.js';
export { ETAG_MODULE_OPTIONS } from './nest/etag.module-definition.js';
export type {
  EtagModuleOptions,
  EtagOptions,
  ResolvedEtagModuleOptions,
} from './nest/options/etag-options.interface.js';
export type { IfMatchCondition, IfNoneMatchCondition } from './nest/request/request-conditions.js';
export { EtagService, type TagScope } from './nest/etag.service.js';
export { WritePrecondition } from './nest/request/write-precondition.js';
export type { WriteFilter } from './nest/request/write-filter.js';
export { EtagFiles, type EtagFileWritten } from './nest/files/etag-files.service.js';
export type { EtagFileBody, EtagFileOptions } from './nest/files/file-body.js';
export { type EtagFileState, fileState, type FileFacts } from './tagging/file-state.js';
export type { ConditionList } from './http/condition-list.js';
export { type EntityTag, formatEntityTag, parseEntityTag, strongMatch, weakMatch } from './http/entity-tag.js';
export {
  ETAG_EXPOSED_HEADERS,
  ETAG_REQUEST_HEADERS,
  type EtagCorsFields,
  etagCorsOptions,
} from './nest/cors/etag-cors.js';
