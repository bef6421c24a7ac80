import { Injectable } from '@nestjs/common';
import type { WritePrecondition } from '../../lib/index.js';
import { type DocumentInput, DocumentsStore, type ListValidators } from '../common/documents.store.js';
import type { Document, Prisma } from './generated/client.js';
import { PrismaService } from './prisma.service.js';

/** The documents in PostgreSQL through Prisma. */
@Injectable()
export class PrismaDocumentsStore extends DocumentsStore {
  constructor(private readonly prisma: PrismaService) {
    super();
  }

  list(): Promise<Document[]> {
    return this.prisma.document.findMany({ where: { deletedAt: null }, orderBy: { id: 'asc' } });
  }

  listValidators(): Promise<ListValidators> {
    return listValidators(this.prisma);
  }

  find(id: number): Promise<Document | null> {
    return this.prisma.document.findFirst({ where: { id, deletedAt: null } });
  }

  /**
   * A conditional POST holds the table against other writes while it judges the list and inserts. Such POSTs
   * queue for the lock, and an interactive transaction gives up by default after 2 s waiting for a connection and
   * 5 s running (a 500): room for a burst of them.
   */
  create(input: DocumentInput, precondition: WritePrecondition<number>): Promise<Document> {
    return this.prisma.$transaction(
      async (tx) => {
        if (precondition.kind !== 'none') {
          await tx.$executeRaw`LOCK TABLE "Document" IN SHARE ROW EXCLUSIVE MODE`;
          const list = await listValidators(tx);
          if (!precondition.holdsFor(list)) throw precondition.failed(list);
        }
        return tx.document.create({ data: input });
      },
      { maxWait: 30_000, timeout: 30_000 },
    );
  }

  /** No row with that version: Prisma throws P2025, which the module answers (412 with the current tag, or 404). */
  update(id: number, input: DocumentInput, precondition: WritePrecondition<number>): Promise<Document> {
    return this.prisma.document.update({
      where: precondition.where({ id, deletedAt: null }),
      data: { ...input, version: { increment: 1 } },
    });
  }

  /** Soft: the tombstone keeps a new version. */
  async remove(id: number, precondition: WritePrecondition<number>): Promise<void> {
    await this.prisma.document.update({
      where: precondition.where({ id, deletedAt: null }),
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
  }
}

/** The sum of every version, tombstones included, and the newest write. */
async function listValidators(prisma: Prisma.TransactionClient): Promise<ListValidators> {
  const { _sum, _max } = await prisma.document.aggregate({ _sum: { version: true }, _max: { updatedAt: true } });
  return { version: _sum.version ?? 0, updatedAt: _max.updatedAt };
}
