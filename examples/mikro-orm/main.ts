import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { MikroOrmExampleModule } from './mikro-orm-example.module.js';

// DATABASE_URL (a postgres:// URL), PORT (3000), PLATFORM (express | fastify). Compiled with the sample
// with tsc -p tsconfig.examples.json (the tests' global setup does): node dist-examples/examples/mikro-orm/main.js
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must name a PostgreSQL database, e.g. postgres://postgres@127.0.0.1/documents');
const platform = process.env.PLATFORM === 'fastify' ? 'fastify' : 'express';

const app = await NestFactory.create(
  MikroOrmExampleModule.forDatabase(url),
  platform === 'fastify' ? new FastifyAdapter() : new ExpressAdapter(),
);
app.enableShutdownHooks();
// MikroORM's schema generator makes the table on start (an app in production runs its migrations instead).
await app.get(MikroORM).schema.updateSchema();
await app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
console.log(`nestjs-etag MikroORM example on ${platform}: ${await app.getUrl()}`);
