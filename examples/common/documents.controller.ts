import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Res,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Etag, type EtagOptions, Precondition, RequireIfMatch, type WritePrecondition } from '../../lib/index.js';
import { DocumentListState, DocumentState } from './document.states.js';
import { type DocumentInput, type DocumentView, DocumentsStore } from './documents.store.js';

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

  @Get()
  @Etag(LIST)
  list(): Promise<DocumentView[]> {
    return this.documents.list();
  }

  @Get(':id')
  @Etag(DOCUMENT)
  async findOne(@Param('id', ParseIntPipe) id: number): Promise<DocumentView> {
    return (await this.documents.find(id)) ?? missing(id);
  }

  /** `If-Match` with the list's tag: created only if the list is still as read. */
  @Post()
  @Etag(LIST)
  async create(
    @Body() body: unknown,
    @Precondition() precondition: WritePrecondition<number>,
    @Res({ passthrough: true }) response: unknown,
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
  remove(@Param('id', ParseIntPipe) id: number, @Precondition() precondition: WritePrecondition<number>): Promise<void> {
    return this.documents.remove(id, precondition);
  }
}

function input(body: unknown): DocumentInput {
  const title = (body as { title?: unknown } | null)?.title;
  if (typeof title !== 'string' || title === '') throw new BadRequestException('"title" must be a non-empty string');
  return { title };
}

function missing(id: number): never {
  throw new NotFoundException(`document ${id} does not exist`);
}
