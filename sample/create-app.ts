import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { createAdapter, type Platform } from './platform.js';

export interface SampleOptions {
  readonly platform: Platform;
  /** A SQLite file, `:memory:`, or a `postgres://` URL. */
  readonly database: string;
  /** The hash of the tags (EtagModule's `algorithm`); the module's default when absent. */
  readonly algorithm?: string;
  /** Nest's logger; off in tests. */
  readonly logger?: boolean;
}

/** Creates the sample app, ready to `listen()`. */
export async function createSampleApp(options: SampleOptions): Promise<INestApplication> {
  const etag = options.algorithm === undefined ? {} : { algorithm: options.algorithm };
  const app = await NestFactory.create(AppModule.forDatabase(options.database, etag), createAdapter(options.platform), {
    logger: options.logger === false ? false : undefined,
  });
  app.enableShutdownHooks();
  return app;
}
