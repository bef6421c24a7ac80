import { Body, Controller, Get, NotFoundException, Param, ParseIntPipe, Patch } from '@nestjs/common';
import { DOCUMENT } from '../../examples/common/documents.controller.js';
import { type DocumentView, DocumentsStore } from '../../examples/common/documents.store.js';
import { Etag, Precondition, RequireIfMatch, WritePrecondition } from '../../lib/index.js';

/**
 * An example's own store, with a write that another one overtakes after the guard judged its `If-Match` and
 * before it writes: the race the ORM's own check (Prisma's P2025, MikroORM's OptimisticLockError, TypeORM's
 * `update()` changing no row) then catches, made to happen every time.
 */
@Controller('interleaved')
export class InterleavedController {
  constructor(private readonly documents: DocumentsStore) {}

  @Get(':id')
  @Etag(DOCUMENT)
  async findOne(@Param('id', ParseIntPipe) id: number): Promise<DocumentView> {
    const document = await this.documents.find(id);
    if (document === null) throw new NotFoundException();
    return document;
  }

  @Patch(':id')
  @RequireIfMatch()
  @Etag(DOCUMENT)
  async update(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: { title: string; overtakenBy: 'update' | 'delete' },
    @Precondition() precondition: WritePrecondition<number>,
  ): Promise<DocumentView> {
    if (body.overtakenBy === 'delete') await this.documents.remove(id, WritePrecondition.NONE);
    else await this.documents.update(id, { title: 'Another writer' }, WritePrecondition.NONE);
    return this.documents.update(id, { title: body.title }, precondition);
  }
}
