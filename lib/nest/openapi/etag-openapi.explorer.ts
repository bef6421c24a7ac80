import { Injectable } from '@nestjs/common';
import { RouteCatalog } from '../routes/route-catalog.provider.js';
import { reads } from '../routes/route-methods.js';
import { describeRanges } from './range-documentation.js';
import { describeRoute } from './route-documentation.js';
import { documentHandler } from './swagger-metadata.js';

/**
 * Documents every decorated route for `@nestjs/swagger`, in its
 * constructor: providers are created by `NestFactory.create()`, before an
 * app calls `SwaggerModule.createDocument()`, whereas lifecycle hooks wait
 * for `app.init()` or `listen()`, which usually come after. The routes and
 * their merged options come from the one catalog the request path uses, so
 * the documentation is the same whatever the order of the decorators
 * (`@Etag()` above or below `@Get()`, on the controller or the handler).
 */
@Injectable()
export class EtagOpenApiExplorer {
  constructor(catalog: RouteCatalog) {
    for (const route of catalog.routes) {
      if (route.method === undefined) continue;
      const { options } = route;
      const ranges = options.ranges && reads(route.method);
      const documentation = describeRoute({
        method: route.method,
        successStatus: route.successStatus,
        weak: options.weak,
        // A file's Last-Modified comes from the file itself.
        lastModified: options.lastModified !== undefined || options.ranges,
        requireIfMatch: route.requireIfMatch,
        judgesWrites: options.current !== undefined || route.params.size > 0,
      });
      documentHandler(route.handler, route.controller, ranges ? describeRanges(documentation) : documentation);
    }
  }
}
