import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { type DynamicModule, Module } from '@nestjs/common';
import { documentsApp } from '../common/documents.module.js';
import { Document } from './document.entity.js';
import { MikroOrmDocumentsStore } from './mikro-orm-documents.store.js';

/** The MikroORM example: `@mikro-orm/nestjs` on PostgreSQL. */
@Module({})
export class MikroOrmExampleModule {
  /** @param url a `postgres://` URL; create the schema with `orm.schema.updateSchema()`. */
  static forDatabase(url: string): DynamicModule {
    // The store forks the entity manager for each call, so no request-scoped context middleware is needed.
    const orm = MikroOrmModule.forRoot({
      driver: PostgreSqlDriver,
      clientUrl: url,
      entities: [Document],
      registerRequestContext: false,
    });
    return documentsApp(MikroOrmExampleModule, [orm], MikroOrmDocumentsStore);
  }
}
