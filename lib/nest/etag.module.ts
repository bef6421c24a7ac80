import { type DynamicModule, Module, type OnModuleInit } from '@nestjs/common';
import { APP_FILTER, DiscoveryModule, HttpAdapterHost } from '@nestjs/core';
import { ETAG_ROUTES_TOKEN } from './etag.constants.js';
import { EtagAppExceptionFilter } from './etag-app-exception.filter.js';
import { EtagOpenApiExplorer } from './etag-openapi.explorer.js';
import {
  ConfigurableEtagModule,
  ETAG_MODULE_ASYNC_OPTIONS_TYPE,
  ETAG_MODULE_OPTIONS_TYPE,
} from './etag.module-definition.js';
import { EtagRoutes } from './etag-routes.js';
import { EtagService } from './etag.service.js';
import { httpPlatform } from '../platform/http-platform.js';

/**
 * Entity tags and conditional requests for a Nest app. Import it once:
 *
 * ```ts
 * @Module({ imports: [EtagModule.forRoot({ isGlobal: true })] })
 * export class AppModule {}
 * ```
 *
 * then decorate routes with `@Etag()` and `@RequireIfMatch()`. Options are
 * validated as the module is created: a bad one stops bootstrap.
 */
@Module({
  // Finds the routes' `current` providers at bootstrap.
  imports: [DiscoveryModule],
  providers: [
    EtagService,
    EtagRoutes,
    { provide: ETAG_ROUTES_TOKEN, useExisting: EtagRoutes },
    // Documents the decorated routes for @nestjs/swagger, if the app uses it.
    EtagOpenApiExplorer,
    // Renders the module's exceptions thrown anywhere, e.g. a 412 from a
    // service on a route without @Etag. It costs nothing until one is thrown.
    { provide: APP_FILTER, useClass: EtagAppExceptionFilter },
  ],
  // EtagRoutes for the guard the decorators bind in the controllers' modules.
  exports: [EtagService, EtagRoutes, ETAG_ROUTES_TOKEN],
})
export class EtagModule extends ConfigurableEtagModule implements OnModuleInit {
  constructor(
    private readonly etags: EtagService,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    super();
  }

  /** Registers the module with default options: strong tags, SHA-1. */
  static forRoot(options: typeof ETAG_MODULE_OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }

  /** Registers the module with options from a factory, e.g. from `ConfigService`. */
  static forRootAsync(options: typeof ETAG_MODULE_ASYNC_OPTIONS_TYPE): DynamicModule {
    return super.forRootAsync(options);
  }

  onModuleInit(): void {
    // Express tags every response itself (weak, error bodies included) and
    // answers 304 by its own rules; switched off so that one rule set, this
    // module's, decides, as on Fastify.
    const adapter = this.adapterHost.httpAdapter;
    if (!this.etags.options.expressEtag && adapter !== undefined) httpPlatform(adapter).disableOwnEtag();
  }
}
