import { fileURLToPath } from 'node:url';
import { EntityManager, MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { type DynamicModule, Module, type OnApplicationShutdown } from '@nestjs/common';
import { documentsApp } from '../../examples/common/documents.module.js';
import { Document } from '../../examples/mikro-orm/document.entity.js';
import { MikroOrmDocumentsStore } from '../../examples/mikro-orm/mikro-orm-documents.store.js';
import { describeExample } from './example-suite.js';

/** The example's store in this process, wired by hand where @mikro-orm/nestjs cannot load (see below). */
@Module({})
class MikroOrmInProcess implements OnApplicationShutdown {
  constructor(private readonly orm: MikroORM) {}

  static forDatabase(url: string): DynamicModule {
    return documentsApp(MikroOrmInProcess, [], MikroOrmDocumentsStore, [
      {
        provide: MikroORM,
        useFactory: () => MikroORM.init({ driver: PostgreSqlDriver, clientUrl: url, entities: [Document] }),
      },
      { provide: EntityManager, useFactory: (orm: MikroORM) => orm.em, inject: [MikroORM] },
    ]);
  }

  onApplicationShutdown(): Promise<void> {
    return this.orm.close();
  }
}

describeExample({
  name: 'MikroORM',
  // @mikro-orm/nestjs 6 is CommonJS and requires Nest 12's ES modules: Node loads that (require(esm)), Jest does
  // not, so the instances run as processes, as `node dist-examples/examples/mikro-orm/main.js` runs it.
  main: fileURLToPath(new URL('../../dist-examples/examples/mikro-orm/main.js', import.meta.url)),
  // Overtaken writes: em.lock() meets the new version and throws OptimisticLockError.
  interleaved: (url) => MikroOrmInProcess.forDatabase(url),
});
