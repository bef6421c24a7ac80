import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';

/** The HTTP platforms the sample (and the module) run on. */
export const PLATFORMS = ['express', 'fastify'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface SampleOptions {
  readonly platform: Platform;
  /** The SQLite file, or `:memory:`. */
  readonly database: string;
  /** The hash of the tags (EtagModule's `algorithm`); the module's default when absent. */
  readonly algorithm?: string;
  /** Nest's logger; off in tests. */
  readonly logger?: boolean;
}

/** Creates the sample app, ready to `listen()`. */
export async function createSampleApp(options: SampleOptions): Promise<INestApplication> {
  const adapter = options.platform === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
  const etag = options.algorithm === undefined ? {} : { algorithm: options.algorithm };
  const app = await NestFactory.create(AppModule.forDatabase(options.database, etag), adapter, {
    logger: options.logger === false ? false : undefined,
  });
  app.enableShutdownHooks();
  return app;
}

/** Reads `PLATFORM`, failing with the values it accepts. */
export function platformFrom(value: string | undefined): Platform {
  const platform = value === undefined || value === '' ? 'express' : value;
  if (!(PLATFORMS as readonly string[]).includes(platform)) {
    throw new Error(`PLATFORM must be one of ${PLATFORMS.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return platform as Platform;
}
