import { RequestMethod } from '@nestjs/common';

/**
 * What a route's method does, as bootstrap sees it (the request path asks
 * `isGetOrHead()` of the request's own method). An `@All()` route does both.
 */
const READS: readonly (RequestMethod | undefined)[] = [RequestMethod.GET, RequestMethod.HEAD, RequestMethod.ALL];
const WRITES: readonly (RequestMethod | undefined)[] = [
  RequestMethod.POST,
  RequestMethod.PUT,
  RequestMethod.PATCH,
  RequestMethod.DELETE,
  RequestMethod.ALL,
];

/** GET, HEAD or every method: a route that serves representations, and 304s. */
export function reads(method: RequestMethod | undefined): boolean {
  return READS.includes(method);
}

/** POST, PUT, PATCH, DELETE or every method: a route whose requests may change the resource. */
export function writes(method: RequestMethod | undefined): boolean {
  return WRITES.includes(method);
}
