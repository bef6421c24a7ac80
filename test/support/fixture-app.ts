import {
  type BeforeApplicationShutdown,
  type INestApplication,
  Injectable,
  Module,
  type ModuleMetadata,
  type NestApplicationOptions,
} from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { createAdapter, type Platform } from '../../sample/platform.js';
import { type Client, client } from './http.js';

/**
 * Ends the server's open connections as the app shuts down: fetch() and
 * supertest keep connections alive, which would hold the server open for its
 * keep-alive timeout. A lifecycle hook, because Nest 12's application is a
 * proxy on which an override of `app.close()` never runs.
 */
@Injectable()
class ConnectionCloser implements BeforeApplicationShutdown {
  constructor(private readonly adapterHost: HttpAdapterHost) {}
  beforeApplicationShutdown(): void {
    (this.adapterHost.httpAdapter.getHttpServer() as { closeAllConnections?(): void }).closeAllConnections?.();
  }
}

export interface FixtureAppOptions extends NestApplicationOptions {
  /** What the app needs before it listens: middleware, plugins, body parsers, versioning, CORS. */
  readonly configure?: (app: INestApplication) => unknown;
}

/**
 * Creates a fixture app of a module with this content on the platform's
 * adapter, silent unless `options` say otherwise, configured but not listening.
 */
export async function createFixtureApp(
  platform: Platform,
  metadata: ModuleMetadata,
  options: FixtureAppOptions = {},
): Promise<INestApplication> {
  @Module(metadata)
  class FixtureContentModule {}
  @Module({ imports: [FixtureContentModule], providers: [ConnectionCloser] })
  class FixtureAppModule {}
  const { configure, ...nest } = options;
  const app = await NestFactory.create(FixtureAppModule, createAdapter(platform), { logger: false, ...nest });
  await configure?.(app);
  return app;
}

/** {@link createFixtureApp}, then listening on 127.0.0.1 on a free port. */
export async function startFixtureApp(
  platform: Platform,
  metadata: ModuleMetadata,
  options: FixtureAppOptions = {},
): Promise<INestApplication> {
  const app = await createFixtureApp(platform, metadata, options);
  await app.listen(0, '127.0.0.1');
  return app;
}

/** A started app of one suite, filled in by the hooks {@link useApp} registers. */
export interface AppContext {
  app: INestApplication;
  /** `http://127.0.0.1:port` */
  url: string;
  http: Client;
}

export interface AppHooks<Extra extends object> {
  /** What the suite keeps of the app beside it, its providers say. */
  readonly extra?: (app: INestApplication) => Extra | Promise<Extra>;
  /** Before each test: the app's state back to its seed. */
  readonly reset?: (context: AppContext & Extra) => unknown;
  /** After the suite, before the app closes. */
  readonly cleanUp?: (context: AppContext & Extra) => unknown;
}

/**
 * Starts an app before a suite and closes it after; `hooks.reset` runs before
 * each test. The context is filled in when the suite starts.
 */
export function useApp<Extra extends object = object>(
  start: () => Promise<INestApplication>,
  hooks: AppHooks<Extra> = {},
): AppContext & Extra {
  const context = {} as AppContext & Extra;
  beforeAll(async () => {
    const app = await start();
    Object.assign(context, { app, url: await app.getUrl(), http: await client(app) });
    Object.assign(context, await hooks.extra?.(app));
  });
  afterAll(async () => {
    await hooks.cleanUp?.(context);
    await context.app?.close();
  });
  beforeEach(() => hooks.reset?.(context));
  return context;
}
