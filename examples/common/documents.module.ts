import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { EtagModule } from '../../lib/index.js';
import { DocumentListState, DocumentState } from './document.states.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsStore } from './documents.store.js';

/** An example app: EtagModule, the ORM's modules, the documents controller and the ORM's store. */
export function documentsApp(
  module: Type,
  orm: readonly (DynamicModule | Promise<DynamicModule>)[],
  store: Type<DocumentsStore>,
  providers: readonly Provider[] = [],
): DynamicModule {
  return {
    module,
    imports: [EtagModule.forRoot({ isGlobal: true }), ...orm],
    controllers: [DocumentsController],
    providers: [{ provide: DocumentsStore, useClass: store }, DocumentState, DocumentListState, ...providers],
  };
}
