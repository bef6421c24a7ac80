import { SetMetadata } from '@nestjs/common';
import { REQUIRE_IF_MATCH_METADATA } from '../etag.constants.js';
import { bindEtagHandling } from './decorator-binding.js';

/**
 * Makes the route's requests conditional (RFC 6585 §3): a request with
 * neither `If-Match` nor a create-only `If-None-Match: *` gets
 * `428 Precondition Required` and the handler does not run. Use it on
 * writes, so that no client can overwrite a change it has not seen.
 *
 * With `@Etag({ current })` the module then checks the condition before the
 * handler; without it, read the condition with `@IfMatch()` and check it
 * where you write, with `EtagService.assertIfMatch()`.
 */
export function RequireIfMatch(): ClassDecorator & MethodDecorator {
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    SetMetadata(REQUIRE_IF_MATCH_METADATA, true)(target, key as string | symbol, descriptor as PropertyDescriptor);
    bindEtagHandling(target, key, descriptor);
  };
}
