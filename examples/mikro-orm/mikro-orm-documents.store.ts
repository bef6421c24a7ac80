import { LockMode, raw } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { WritePrecondition } from '../../lib/index.js';
import { type DocumentInput, DocumentsStore, type ListValidators } from '../common/documents.store.js';
import { Document } from './document.entity.js';

/** The documents in PostgreSQL through MikroORM; each call works in a fork of the entity manager of its own. */
@Injectable()
export class MikroOrmDocumentsStore extends DocumentsStore {
  constructor(private readonly em: EntityManager) {
    super();
  }

  list(): Promise<Document[]> {
    return this.em.fork().find(Document, { deletedAt: null }, { orderBy: { id: 'asc' } });
  }

  listValidators(): Promise<ListValidators> {
    return listValidators(this.em.fork());
  }

  find(id: number): Promise<Document | null> {
    return this.em.fork().findOne(Document, { id, deletedAt: null });
  }

  /** A conditional POST holds the table against other writes while it judges the list and inserts. */
  create(input: DocumentInput, precondition: WritePrecondition<number>): Promise<Document> {
    return this.em.fork().transactional(async (em) => {
      if (precondition.kind !== 'none') {
        await em.execute('LOCK TABLE document IN SHARE ROW EXCLUSIVE MODE');
        const list = await listValidators(em);
        if (!precondition.holdsFor(list)) throw precondition.failed(list);
      }
      return em.create(Document, input);
    });
  }

  async update(id: number, input: DocumentInput, precondition: WritePrecondition<number>): Promise<Document> {
    const { em, document } = await this.locked(id, precondition);
    em.assign(document, input);
    await em.flush();
    return document;
  }

  /** Soft: the tombstone keeps a new version. */
  async remove(id: number, precondition: WritePrecondition<number>): Promise<void> {
    const { em, document } = await this.locked(id, precondition);
    document.deletedAt = new Date();
    await em.flush();
  }

  /**
   * The document under MikroORM's optimistic lock: a stale version throws `OptimisticLockError` here, and a
   * write that gets in before the flush makes the flush throw it. The module answers it: a 412 with the current tag.
   */
  private async locked(id: number, precondition: WritePrecondition<number>) {
    const em = this.em.fork();
    const document = await em.findOne(Document, { id, deletedAt: null });
    if (!document) throw precondition.refusal(null, `document ${id} does not exist`);
    if (precondition.version !== undefined) await em.lock(document, LockMode.OPTIMISTIC, precondition.version);
    return { em, document };
  }
}

/** The sum of every version, tombstones included, and the newest write. */
async function listValidators(em: EntityManager): Promise<ListValidators> {
  const row = await em
    .createQueryBuilder(Document)
    .select([raw('sum(version) as version'), raw('max(updated_at) as updated_at')])
    .execute<{ version: string | null; updated_at: Date | null }>('get', false);
  return { version: Number(row.version ?? 0), updatedAt: row.updated_at };
}
