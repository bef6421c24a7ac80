import { type DynamicModule, Module } from '@nestjs/common';
import { EtagModule, type EtagModuleOptions } from '../lib/index.js';
import { StoreModule } from './store/store.module.js';
import { UsersModule } from './users/users.module.js';

/** The sample app: one users resource whose tags EtagModule makes. */
@Module({})
export class AppModule {
  /**
   * @param database a SQLite file, `:memory:`, or a `postgres://` URL.
   * @param etag the EtagModule options, e.g. `{ algorithm: 'sha256' }`.
   */
  static forDatabase(database: string, etag: EtagModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [EtagModule.forRoot({ ...etag, isGlobal: true }), StoreModule.forDatabase(database), UsersModule],
    };
  }
}
