import { Injectable, RequestMethod, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { readIfMatch, readIfNoneMatch } from './condition-param.js';
import { ETAG_OPTIONS_METADATA, REQUIRE_IF_MATCH_METADATA } from './etag.constants.js';
import { describeRoute, documentHandler } from './etag-openapi.js';
import type { EtagOptions } from './etag-options.interface.js';
import { EtagService } from './etag.service.js';
import { mergeRouteOptions } from './route-options.js';
import { readWritePrecondition } from './write-precondition.js';

/**
 * Documents every decorated route for `@nestjs/swagger` (see
 * etag-openapi.ts), in its constructor: providers are created by
 * `NestFactory.create()`, before an app calls
 * `SwaggerModule.createDocument()`, whereas lifecycle hooks wait for
 * `app.init()` or `listen()`, which usually come after. By then every
 * decorator of every controller has run, so the documentation is the same
 * whatever their order: `@Etag()` above or below `@Get()`, on the
 * controller or the handler.
 */
@Injectable()
export class EtagOpenApiExplorer {
  constructor(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector, etags: EtagService) {
    for (const { metatype } of discovery.getControllers()) {
      if (typeof metatype !== 'function') continue;
      const controller = metatype as Type;
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = controller.prototype[name] as (...args: unknown[]) => unknown;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const own = reflector.get<EtagOptions | undefined>(ETAG_OPTIONS_METADATA, handler);
        const inherited = reflector.get<EtagOptions | undefined>(ETAG_OPTIONS_METADATA, controller);
        const requireIfMatch =
          reflector.getAllAndOverride<boolean | undefined>(REQUIRE_IF_MATCH_METADATA, [handler, controller]) === true;
        if (method === undefined || (own === undefined && inherited === undefined && !requireIfMatch)) continue;

        const options = mergeRouteOptions(etags.options, inherited, own);
        const args: Record<string, { factory?: unknown }> =
          Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {};
        const factories = Object.values(args).map((arg) => arg.factory);
        const checksItself = [readIfMatch, readIfNoneMatch, readWritePrecondition].some((read) =>
          factories.includes(read),
        );
        const documentation = describeRoute({
          method,
          successStatus:
            (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
            (method === RequestMethod.POST ? 201 : 200),
          weak: options.weak,
          lastModified: options.lastModified !== undefined,
          requireIfMatch,
          judgesWrites: options.current !== undefined || checksItself,
        });
        documentHandler(handler, controller, documentation);
      }
    }
  }
}
