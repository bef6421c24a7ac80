import { SetMetadata } from '@nestjs/common';
import { ETAG_OPTIONS_METADATA } from '../etag.constants.js';
import type { EtagOptions } from '../options/etag-options.interface.js';
import { validateRouteOptions } from '../options/route-options.validation.js';
import { bindEtagHandling, describeTarget } from './decorator-binding.js';

/**
 * Sends an `ETag` with the route's successful responses and answers
 * conditional requests: `If-None-Match` → 304 on GET/HEAD, `If-Match` → 412.
 * On a controller class it applies to every route; a handler's own options
 * win, option by option.
 *
 * - `@Etag()`: a strong tag over the bytes of the response body.
 * - `@Etag({ weak: true })`: the same hash, sent as a weak tag.
 * - `@Etag({ fields: ['name'] })`: a weak tag over those properties only.
 * - `@Etag({ current: UserState })`: judge preconditions against the state
 *   `UserState` loads, before the handler runs.
 *
 * Each option's type is checked when the decorator is applied, and a bad one
 * throws then, naming the option and the route; options that contradict
 * each other across the handler and its controller stop bootstrap.
 */
export function Etag(options?: EtagOptions): ClassDecorator & MethodDecorator {
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const validated = validateRouteOptions(options, describeTarget('@Etag()', target, key));
    SetMetadata(ETAG_OPTIONS_METADATA, validated)(target, key as string | symbol, descriptor as PropertyDescriptor);
    bindEtagHandling(target, key, descriptor);
  };
}
