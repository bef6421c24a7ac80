import { Controller, Get, type INestApplication, Module, NotFoundException, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Etag, EtagModule } from '../lib/index.js';
import { createAdapter, type Platform } from '../sample/platform.js';
import { type Item, makePayload, SIZES } from './payload.js';

// Built once at startup: the routes then cost serialising (and tagging),
// not building the data, which is what the comparison is about.
const payloads = new Map<string, Item[]>(SIZES.map((size) => [size.key, makePayload(size.bytes)]));

function payload(size: string): Item[] {
  const items = payloads.get(size);
  if (items === undefined) throw new NotFoundException(`no payload of size ${size}`);
  return items;
}

/** The same handler three times; only the decorator differs. */
@Controller('bench')
export class BenchController {
  @Get(':size/baseline')
  baseline(@Param('size') size: string): Item[] {
    return payload(size);
  }

  @Get(':size/strong')
  @Etag()
  strong(@Param('size') size: string): Item[] {
    return payload(size);
  }

  @Get(':size/weak-fields')
  @Etag({ weak: true, fields: ['name'] })
  weakFields(@Param('size') size: string): Item[] {
    return payload(size);
  }
}

@Module({
  imports: [EtagModule.forRoot({ isGlobal: true })],
  controllers: [BenchController],
})
export class BenchModule {}

/** The fixture app on one platform, ready to `listen()`. */
export async function createBenchApp(platform: Platform): Promise<INestApplication> {
  // No logger: a failing request shows up as an error in the table instead.
  return NestFactory.create(BenchModule, createAdapter(platform), { logger: false });
}
