import { type DynamicModule, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER, DiscoveryModule, HttpAdapterHost } from '@nestjs/core';
import { httpPlatform } from '../platform/http-platform.js';
import { ETAG_ROUTES_TOKEN } from './etag.constants.js';
import {
  ConfigurableEtagModule,
  ETAG_MODULE_ASYNC_OPTIONS_TYPE,
  ETAG_MODULE_OPTIONS_TYPE,
} from './etag.module-definition.js';
import { EtagService } from './etag.service.js';
import { EtagTaggers } from './etag-taggers.provider.js';
import { EtagAppExceptionFilter } from './exceptions/etag-app-exception.filter.js';
import { EtagFiles } from './files/etag-files.service.js';
import { EtagOpenApiExplorer } from './openapi/etag-openapi.explorer.js';
import { EtagRoutes } from './routes/etag-routes.provider.js';
import { RouteCatalog } from './routes/route-catalog.provider.js';

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
  // Finds the decorated routes and their `current` providers.
  imports: [DiscoveryModule],
  providers: [
    EtagTaggers,
    RouteCatalog,
    EtagRoutes,
    { provide: ETAG_ROUTES_TOKEN, useExisting: EtagRoutes },
    EtagService,
    EtagFiles,
    // Documents the decorated routes for @nestjs/swagger, if the app uses it.
    EtagOpenApiExplorer,
    // Renders the module's exceptions thrown anywhere, e.g. a 412 from a
    // service on a route without @Etag. It costs nothing until one is thrown.
    { provide: APP_FILTER, useClass: EtagAppExceptionFilter },
  ],
  // The routes, by token, for the guard the decorators bind in the controllers' modules.
  exports: [EtagService, EtagFiles, ETAG_ROUTES_TOKEN],
})
export class EtagModule extends ConfigurableEtagModule implements NestModule {
  constructor(
    private readonly routes: EtagRoutes,
    private readonly taggers: EtagTaggers,
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

  /**
   * As the app initialises, before Nest registers its routes: installs the
   * send path and claims the decorated routes' handlers, and on Express switches
   * Express's own tagging off. Express tags every response itself (weak,
   * error bodies included) and answers 304 by its own rules; switched off so
   * that one rule set, this module's, decides, as on Fastify.
   */
  configure(): void {
    this.routes.attach();
    const adapter = this.adapterHost.httpAdapter;
    if (!this.taggers.options.expressEtag && adapter !== undefined) httpPlatform(adapter).disableOwnEtag();
  }
}
