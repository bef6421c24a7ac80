import {
  Controller,
  Delete,
  Get,
  HttpCode,
  type INestApplication,
  Injectable,
  Module,
  NotFoundException,
  Param,
  Req,
  Res,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fastifyEtag from '@fastify/etag';
import fastifyStatic from '@fastify/static';
import type { Response as ExpressResponse } from 'express';
import type { FastifyReply } from 'fastify';
import {
  type CurrentState,
  Etag,
  type EtagFileBody,
  EtagFiles,
  EtagModule,
  type EtagRequest,
  Precondition,
  WritePrecondition,
} from '../lib/index.js';
import { preconditionFailed } from '../lib/nest/exceptions/condition-problems.js';
import { createAdapter, type Platform } from '../sample/platform.js';
import { FILE, fileBytes, type Item, makePayload, SIZES } from './payload.js';

/**
 * The three builds of the fixture app, all serving the same undecorated routes:
 *
 * - `plain`: no module and no ETag at all (Express's own `etag` setting off): the baseline;
 * - `platform`: no module, the platform's own ETag (Express's default weak tags; `@fastify/etag`),
 *   and the platform's own file serving of {@link FILE} (`res.sendFile`; `@fastify/static`);
 * - `module`: imports `EtagModule`, and adds the decorated routes of {@link TaggedController} and the
 *   module's file serving of {@link FILE} ({@link TaggedFileController}).
 *
 * Each runs in a process of its own: Express's `etag` setting and
 * `@fastify/etag` are app-wide, and the module switches Express's off.
 */
export const VARIANTS = ['plain', 'platform', 'module'] as const;
export type Variant = (typeof VARIANTS)[number];

// Built once at startup: the routes then cost serialising (and tagging),
// not building the data, which is what the comparison is about.
const payloads = new Map<string, Item[]>(SIZES.map((size) => [size.key, makePayload(size.bytes)]));

function payload(size: string): Item[] {
  const items = payloads.get(size);
  if (items === undefined) throw new NotFoundException(`no payload of size ${size}`);
  return items;
}

/** A versioned resource: its state is one small read (the version), its body the item. */
const VERSIONED = { version: 42 };
const ITEM = { id: 1, name: 'User 1', version: VERSIONED.version };

/** The routes every build serves, with no decorator of the module. */
@Controller('bench')
export class PlainController {
  /** Nothing to send: the most requests per second the platform serves. */
  @Get('empty')
  @HttpCode(204)
  empty(): void {}

  /**
   * Controls, no module: a version route written by hand with `@Res()`, its
   * tag a constant and its conditions compared as plain strings. What any
   * Nest route pays to answer a 304 or a 412 itself, the floor under the
   * module's version rows (bench/PROFILE.md).
   */
  @Get('by-hand')
  byHand(@Req() request: IncomingMessage, @Res() response: ExpressResponse | FastifyReply): void {
    if (request.headers['if-none-match'] === BY_HAND.etag) send(response, 304, { ETag: BY_HAND.etag });
    else send(response, 200, { ...BY_HAND.json, ETag: BY_HAND.etag, 'Cache-Control': 'no-cache' }, BY_HAND.item);
  }

  @Delete('by-hand')
  removeByHand(@Req() request: IncomingMessage, @Res() response: ExpressResponse | FastifyReply): void {
    if (request.headers['if-match'] === BY_HAND.etag) send(response, 204, {});
    else send(response, 412, { ...BY_HAND.problem, ETag: BY_HAND.etag }, BY_HAND.refusal);
  }

  @Get(':size')
  items(@Param('size') size: string): Item[] {
    return payload(size);
  }
}

/** What the hand-written version route sends: the bytes and headers the module's version route sends. */
const BY_HAND = (() => {
  // The module's tag of ITEM at /tagged/version, written down: the hand-written route hashes nothing.
  const etag = '"oKeydVwK0r1-1MKMgZ2c5AVlGfQ"';
  return {
    etag,
    item: JSON.stringify(ITEM),
    json: { 'Content-Type': 'application/json; charset=utf-8' },
    problem: { 'Content-Type': 'application/problem+json; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
    // The module's own 412 body, so the two rows send the same bytes.
    refusal: JSON.stringify(preconditionFailed('If-Match', etag)),
  };
})();

function send(
  response: ExpressResponse | FastifyReply,
  status: number,
  headers: Record<string, string>,
  body?: string,
): void {
  if ('raw' in response) void response.code(status).headers(headers).send(body);
  else response.status(status).set(headers).send(body);
}

/** The current state of a content-tagged route: the very array the handler returns. */
@Injectable()
export class PayloadState implements CurrentState<Item[]> {
  load(request: EtagRequest): Item[] {
    return payload(request.params.size);
  }
}

/** The current version of {@link ITEM}, as a version column would give it. */
@Injectable()
export class ItemVersion implements CurrentState<{ version: number }> {
  load(): { version: number } {
    return VERSIONED;
  }
}

/** The same payloads as {@link PlainController}; only the decorators differ. */
@Controller('tagged')
export class TaggedController {
  @Get('version')
  @Etag({ current: ItemVersion, version: 'version' })
  versioned(): typeof ITEM {
    return ITEM;
  }

  /** Answered 412 before it runs when `If-Match` is stale; otherwise it would delete. */
  @Delete('version')
  @HttpCode(204)
  @Etag({ current: ItemVersion, version: 'version' })
  remove(@Precondition() precondition: WritePrecondition): void {
    if (!precondition.holdsFor(VERSIONED)) throw precondition.failed(VERSIONED);
  }

  @Get(':size/strong')
  @Etag()
  strong(@Param('size') size: string): Item[] {
    return payload(size);
  }

  @Get(':size/fields')
  @Etag({ fields: ['name'] })
  fields(@Param('size') size: string): Item[] {
    return payload(size);
  }

  @Get(':size/current')
  @Etag({ current: PayloadState })
  current(@Param('size') size: string): Item[] {
    return payload(size);
  }
}

/** Where the platform build keeps {@link FILE}: a folder of its own, removed as the process exits. */
let fileFolder: string | undefined;

function fileFolderOnce(): string {
  if (fileFolder !== undefined) return fileFolder;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'nestjs-etag-bench-'));
  writeFileSync(path.join(folder, FILE.name), fileBytes());
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  return (fileFolder = folder);
}

/**
 * The platform's own file serving, on the platform build only: Express's
 * `res.sendFile` (the `send` package: a weak tag of size and mtime,
 * `Last-Modified`, ranges) and `@fastify/static`'s `reply.sendFile` (the
 * same rules). The module's file rows sit beside these (issue #20).
 */
@Controller('files')
export class FileController {
  @Get(FILE.name)
  file(@Res() response: ExpressResponse | FastifyReply): void {
    if ('raw' in response) void response.sendFile(FILE.name);
    else response.sendFile(path.join(fileFolderOnce(), FILE.name));
  }
}

/** The state of {@link FILE}: a stat, and its digest, hashed once (a strong tag, as the module recommends). */
@Injectable()
export class BenchFileState implements CurrentState {
  constructor(private readonly files: EtagFiles) {}
  load() {
    return this.files.stat(path.join(fileFolderOnce(), FILE.name), { digest: true });
  }
}

/** The module's file serving of {@link FILE}, at the path the platform build serves it at (issue #20). */
@Controller('files')
export class TaggedFileController {
  constructor(private readonly files: EtagFiles) {}

  @Get(FILE.name)
  @Etag({ current: BenchFileState, ranges: true })
  file(): EtagFileBody {
    return this.files.file(path.join(fileFolderOnce(), FILE.name), { type: 'application/octet-stream' });
  }
}

@Module({ controllers: [PlainController] })
class PlainModule {}

@Module({ controllers: [PlainController, FileController] })
class PlatformModule {}

@Module({
  imports: [EtagModule.forRoot({ isGlobal: true })],
  controllers: [PlainController, TaggedController, TaggedFileController],
  providers: [PayloadState, ItemVersion, BenchFileState],
})
class TaggedModule {}

/** The fixture app of one build on one platform, ready to `listen()`. */
export async function createBenchApp(platform: Platform, variant: Variant): Promise<INestApplication> {
  // No logger: a failing request shows up as an error in the table instead.
  const root = { plain: PlainModule, platform: PlatformModule, module: TaggedModule }[variant];
  const app = await NestFactory.create(root, createAdapter(platform), { logger: false });
  if (platform === 'express') {
    // Express tags every response unless told not to; the module turns it off itself.
    if (variant === 'plain') (app as NestExpressApplication).set('etag', false);
    if (variant !== 'plain') fileFolderOnce();
  } else if (variant === 'platform') {
    const fastify = app as NestFastifyApplication;
    await fastify.register(fastifyEtag);
    // reply.sendFile() only: no route of the plugin's own.
    await fastify.register(fastifyStatic, { root: fileFolderOnce(), serve: false });
  }
  return app;
}
