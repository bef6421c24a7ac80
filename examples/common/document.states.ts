import { Injectable, NotFoundException, ParseIntPipe } from '@nestjs/common';
import type { CurrentState, EtagRequest } from '../../lib/index.js';
import { type DocumentView, DocumentsStore, type ListValidators } from './documents.store.js';

/** The route's own pipe, so a bad id is the same 400 before the handler as in it (never a 304 or 412). */
const ID = new ParseIntPipe();

/** The id of `/documents/:id`, read as the handler's `@Param('id', ParseIntPipe)` reads it. */
export async function documentId(request: EtagRequest): Promise<number> {
  // Not optional, so never null: ParseIntPipe throws its 400 instead.
  return Number(await ID.transform(request.params.id ?? '', { type: 'param', data: 'id' }));
}

/** The 404 of a document that does not exist (or was deleted). */
export function documentNotFound(id: number): never {
  throw new NotFoundException(`document ${id} does not exist`);
}

/** `/documents/:id`: the live document; its version is the tag, its `updatedAt` the `Last-Modified`. */
@Injectable()
export class DocumentState implements CurrentState<DocumentView> {
  constructor(private readonly documents: DocumentsStore) {}

  async load(request: EtagRequest): Promise<DocumentView | null> {
    return this.documents.find(await documentId(request));
  }
}

/** `/documents`, and the target of `POST /documents`: the sum of all versions and the newest write. */
@Injectable()
export class DocumentListState implements CurrentState<ListValidators> {
  constructor(private readonly documents: DocumentsStore) {}

  load(): Promise<ListValidators> {
    return this.documents.listValidators();
  }
}
