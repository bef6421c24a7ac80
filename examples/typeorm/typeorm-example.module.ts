import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { documentsApp } from '../common/documents.module.js';
import { Document } from './document.entity.js';
import { TypeOrmDocumentsStore } from './typeorm-documents.store.js';

/** The TypeORM example: `@nestjs/typeorm` on PostgreSQL. */
@Module({})
export class TypeOrmExampleModule {
  /** @param url a `postgres://` URL; the table is created on start (`synchronize`). */
  static forDatabase(url: string): DynamicModule {
    const orm = TypeOrmModule.forRoot({ type: 'postgres', url, entities: [Document], synchronize: true });
    return documentsApp(TypeOrmExampleModule, [orm, TypeOrmModule.forFeature([Document])], TypeOrmDocumentsStore);
  }
}
