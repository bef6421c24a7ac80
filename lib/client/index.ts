export type { ClientResponse } from './client-response.interface.js';
export {
  HttpError,
  PreconditionFailedError,
  PreconditionRequiredError,
  type ProblemDetails,
  WeakTagError,
} from './client.errors.js';
export { EtagClient } from './etag-client.js';
export type {
  ConflictHandler,
  EtagClientOptions,
  RequestOptions,
  WriteOptions,
} from './etag-client-options.interface.js';
export { MemoryStore, type MemoryStoreOptions } from './memory-store.js';
export type { RememberedRepresentation, RepresentationStore } from './representation-store.interface.js';
