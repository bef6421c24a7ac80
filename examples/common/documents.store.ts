import { BadRequestException } from '@nestjs/common';
import type { WritePrecondition } from '../../lib/index.js';

/** A document as every example sends it: the ORM's entity, whatever else it carries. */
export interface DocumentView {
  readonly id: number;
  readonly title: string;
  /** `@VersionColumn()`, Prisma's `version Int`, MikroORM's `version: true`: +1 on every write. */
  readonly version: number;
  readonly updatedAt: Date;
}

/** What a client sends to create or change a document. */
export interface DocumentInput {
  readonly title: string;
}

/** A body to create or change a document from: `{"title":"…"}`, else a 400 that says so. */
export function parseDocumentInput(body: unknown): DocumentInput {
  const title = (body as { title?: unknown } | null)?.title;
  if (typeof title !== 'string' || title === '') throw new BadRequestException('"title" must be a non-empty string');
  return { title };
}

/** The list's validators: the sum of every row's version, tombstones included, and the newest write. */
export interface ListValidators {
  readonly version: number;
  readonly updatedAt: Date | null;
}

/**
 * The documents, as each example keeps them with its ORM. A delete is soft: the row stays as a tombstone with a
 * new version, so a version never repeats and the list's version (the sum of all versions) moves on a delete.
 * Every write takes the request's precondition and enforces it in the write itself.
 */
export abstract class DocumentsStore {
  abstract list(): Promise<DocumentView[]>;
  abstract listValidators(): Promise<ListValidators>;
  /** A live document, or `null`. */
  abstract find(id: number): Promise<DocumentView | null>;
  abstract create(input: DocumentInput, precondition: WritePrecondition<number>): Promise<DocumentView>;
  abstract update(id: number, input: DocumentInput, precondition: WritePrecondition<number>): Promise<DocumentView>;
  abstract remove(id: number, precondition: WritePrecondition<number>): Promise<void>;
}
