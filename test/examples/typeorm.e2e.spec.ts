import { Body, Controller, Param, ParseIntPipe, Put } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DOCUMENT } from '../../examples/common/documents.controller.js';
import { DocumentsStore } from '../../examples/common/documents.store.js';
import { Document } from '../../examples/typeorm/document.entity.js';
import { TypeOrmExampleModule } from '../../examples/typeorm/typeorm-example.module.js';
import { Etag, Precondition, RequireIfMatch, WritePrecondition } from '../../lib/index.js';
import { describeExample } from './example-suite.js';

/**
 * TypeORM's own optimistic lock before a save(), as the issue found it (a 500 then): the read for the save names
 * the version the request's If-Match held for, and a write that got in after the guard makes it throw
 * OptimisticLockVersionMismatchError.
 */
@Controller('interleaved')
class StaleSaveController {
  constructor(
    @InjectRepository(Document) private readonly documents: Repository<Document>,
    private readonly store: DocumentsStore,
  ) {}

  @Put(':id')
  @RequireIfMatch()
  @Etag(DOCUMENT)
  async replace(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: { title: string },
    @Precondition() precondition: WritePrecondition<number>,
  ): Promise<Document> {
    await this.store.update(id, { title: 'Another writer' }, WritePrecondition.NONE);
    const lock = { mode: 'optimistic', version: precondition.version ?? 0 } as const;
    const document = await this.documents.findOneOrFail({ where: { id }, lock });
    return this.documents.save(this.documents.merge(document, body));
  }
}

describeExample({
  name: 'TypeORM',
  module: (url) => TypeOrmExampleModule.forDatabase(url),
  interleaved: (url) => TypeOrmExampleModule.forDatabase(url),
  extra: [StaleSaveController],
  more(interleaved) {
    it("a stale TypeORM save() (its optimistic lock's OptimisticLockVersionMismatchError) is a 412 with the current tag", async () => {
      const created = await interleaved().post('/documents').send({ title: 'Saved' }).expect(201);
      const path = `/interleaved/${created.body.id}`;
      const read = await interleaved().get(path).expect(200);
      const stale = await interleaved()
        .put(path)
        .set('If-Match', read.headers.etag as string)
        .send({ title: 'Mine' })
        .expect(412);
      expect(stale.body).toMatchObject({ status: 412, header: 'If-Match' });
      const now = await interleaved().get(path).expect(200);
      expect(now.body.title).toBe('Another writer');
      expect(stale.headers.etag).toBe(now.headers.etag);
    });
  },
});
