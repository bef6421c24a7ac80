import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, type Repository } from 'typeorm';
import type { WritePrecondition } from '../../lib/index.js';
import { type DocumentInput, DocumentsStore, type ListValidators } from '../common/documents.store.js';
import { Document } from './document.entity.js';

/** The documents in PostgreSQL through TypeORM. */
@Injectable()
export class TypeOrmDocumentsStore extends DocumentsStore {
  constructor(@InjectRepository(Document) private readonly documents: Repository<Document>) {
    super();
  }

  list(): Promise<Document[]> {
    return this.documents.find({ order: { id: 'ASC' } });
  }

  listValidators(): Promise<ListValidators> {
    return listValidators(this.documents.manager);
  }

  find(id: number): Promise<Document | null> {
    return this.documents.findOneBy({ id });
  }

  /** A conditional POST holds the table against other writes while it judges the list and inserts. */
  create(input: DocumentInput, precondition: WritePrecondition<number>): Promise<Document> {
    return this.documents.manager.transaction(async (manager) => {
      if (precondition.kind !== 'none') {
        await manager.query('LOCK TABLE document IN SHARE ROW EXCLUSIVE MODE');
        const list = await listValidators(manager);
        if (!precondition.holdsFor(list)) throw precondition.failed(list);
      }
      return manager.save(manager.create(Document, input));
    });
  }

  /** `update()` adds 1 to the version and sets `updatedAt`; the filter makes it a compare-and-swap. */
  update(id: number, input: DocumentInput, precondition: WritePrecondition<number>): Promise<Document> {
    return this.documents.manager.transaction(async (manager) => {
      const { affected } = await manager.update(Document, precondition.where({ id, deletedAt: IsNull() }), input);
      if (!affected) throw precondition.refusal(await manager.findOneBy(Document, { id }));
      return manager.findOneByOrFail(Document, { id });
    });
  }

  /** `softDelete()` sets `deletedAt`, adds 1 to the version and leaves tombstones alone. */
  async remove(id: number, precondition: WritePrecondition<number>): Promise<void> {
    const { affected } = await this.documents.softDelete(precondition.where({ id }));
    if (!affected) throw precondition.refusal(await this.find(id));
  }
}

/** The sum of every version, tombstones included (`withDeleted()`), and the newest write. */
async function listValidators(manager: EntityManager): Promise<ListValidators> {
  const row = await manager
    .createQueryBuilder(Document, 'document')
    .withDeleted()
    .select('SUM(document.version)', 'version')
    .addSelect('MAX(document.updatedAt)', 'updatedAt')
    .getRawOne<{ version: string | null; updatedAt: Date | null }>();
  return { version: Number(row?.version ?? 0), updatedAt: row?.updatedAt ?? null };
}
