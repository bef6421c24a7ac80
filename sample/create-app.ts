import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { createAdapter, type Platform } from './platform.js';

const AVATAR_LIMIT = 1024 * 1024;

export interface SampleOptions {
  readonly platform: Platform;
  /** A SQLite file, `:memory:`, or a `postgres://` URL. */
  readonly database: string;
  /** The hash of the tags (EtagModule's `algorithm`); the module's default when absent. */
  readonly algorithm?: string;
  /** The key of the tags, or a list to rotate (EtagModule's `secret`); none when absent. */
  readonly secret?: string | readonly string[];
  /** The avatars' folder (`AVATAR_DIR`); a temporary one, removed as the app stops, when omitted. */
  readonly avatars?: string;
  /** Nest's logger; off in tests. */
  readonly logger?: boolean;
  /** Serve Swagger UI at `/docs` (and the document at `/docs-json`), when `@nestjs/swagger` is installed. */
  readonly docs?: boolean;
}

/** Creates the sample app, ready to `listen()`. */
export async function createSampleApp(options: SampleOptions): Promise<INestApplication> {
  const etag = {
    ...(options.algorithm !== undefined && { algorithm: options.algorithm }),
    ...(options.secret !== undefined && { secret: options.secret }),
  };
  const app = await NestFactory.create(
    AppModule.forDatabase(options.database, etag, options.avatars),
    createAdapter(options.platform),
    { logger: options.logger === false ? false : undefined },
  );
  app.enableShutdownHooks();
  acceptPng(app, options.platform);
  if (options.docs === true) await serveDocs(app);
  return app;
}

/** `PUT /users/:id/avatar` takes the PNG's bytes, up to 1 MB (a 413 beyond), as a `Buffer`. */
function acceptPng(app: INestApplication, platform: Platform): void {
  if (platform === 'fastify') {
    (app as NestFastifyApplication).useBodyParser('image/png', { bodyLimit: AVATAR_LIMIT });
  } else {
    (app as NestExpressApplication).useBodyParser('raw', { type: 'image/png', limit: AVATAR_LIMIT });
  }
}

/**
 * Swagger UI at `/docs`, if the app has `@nestjs/swagger` (a devDependency
 * here): the routes' entity-tag headers and 304/412/428 responses are
 * documented by EtagModule itself.
 */
async function serveDocs(app: INestApplication): Promise<void> {
  const swagger = await import('@nestjs/swagger').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  });
  if (swagger === undefined) return;
  const { DocumentBuilder, SwaggerModule } = swagger;
  const config = new DocumentBuilder()
    .setTitle('nestjs-etag sample')
    .setDescription('Users with entity tags: revalidate with If-None-Match, update with If-Match.')
    .setVersion('1.0')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config));
}
