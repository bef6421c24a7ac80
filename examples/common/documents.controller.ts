import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Etag, type EtagOptions, Precondition, RequireIfMatch, type WritePrecondition } from '../../lib/index.js';
import { DocumentListState, DocumentState, documentNotFound } from './document.states.js';
import { type DocumentView, DocumentsStore, parseDocumentInput as input } from './documents.store.js';

/** A document's validators: its version and its last write. */
export const DOCUMENT: EtagOptions = { current: DocumentState, version: 'version', lastModified: 'updatedAt' };
const LIST: EtagOptions = { current: DocumentListState, version: 'version', lastModified: 'updatedAt' };

/** One controller for the three examples: what differs is the store, where the ORM is. */
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsStore,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  @Get(':id')
  @Etag(DOCUMENT)
  async findOne(@Param('id', ParseIntPipe) id: number): Promise<DocumentView> {
    return (await this.documents.find(id)) ?? documentNotFound(id);
  }

  /** The live documents; the list's tag is the sum of all versions, so it changes with every write. */
  @Get()
  @Etag(LIST)
  list(): Promise<DocumentView[]> {
    return this.documents.list();
  }

  /** `If-Match` with the list's tag: created only if the list is still as read. */
  @Post()
  @Etag(LIST)
  async create(
    @Precondition() precondition: WritePrecondition<number>,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: object,
  ): Promise<DocumentView> {
    const document = await this.documents.create(input(body), precondition);
    // Content-Location: the body and its ETag are /documents/:id's, not the list's (RFC 9110 §8.7).
    const adapter = this.adapterHost.httpAdapter;
    adapter.setHeader(response, 'Location', `/documents/${document.id}`);
    adapter.setHeader(response, 'Content-Location', `/documents/${document.id}`);
    return document;
  }

  @Patch(':id')
  @RequireIfMatch()
  @Etag(DOCUMENT)
  update(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: unknown,
    @Precondition() precondition: WritePrecondition<number>,
  ): Promise<DocumentView> {
    return this.documents.update(id, input(body), precondition);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireIfMatch()
  @Etag(DOCUMENT)
  remove(
    @Param('id', ParseIntPipe) id: number,
    @Precondition() precondition: WritePrecondition<number>,
  ): Promise<void> {
    return this.documents.remove(id, precondition);
  }
}
