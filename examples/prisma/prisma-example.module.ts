import { type DynamicModule, Module } from '@nestjs/common';
import { documentsApp } from '../common/documents.module.js';
import { PrismaDocumentsStore } from './prisma-documents.store.js';
import { DATABASE_URL, PrismaService } from './prisma.service.js';

/** The Prisma example: the generated client on `@prisma/adapter-pg`. */
@Module({})
export class PrismaExampleModule {
  /** @param url a `postgres://` URL whose database has the tables of prisma/migrations. */
  static forDatabase(url: string): DynamicModule {
    return documentsApp(PrismaExampleModule, [], PrismaDocumentsStore, [
      { provide: DATABASE_URL, useValue: url },
      PrismaService,
    ]);
  }
}
