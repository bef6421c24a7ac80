import { type DynamicModule, Module } from '@nestjs/common';
import { EtagModule, type EtagModuleOptions } from '../lib/index.js';
import { DatabaseModule } from './database.module.js';
import { UsersModule } from './users/users.module.js';

/** The sample app: one users resource whose tags EtagModule makes. */
@Module({})
export class AppModule {
  /**
   * @param databaseFile the SQLite file, or `:memory:`.
   * @param etag the EtagModule options, e.g. `{ algorithm: 'sha256' }`.
   */
  static forDatabase(databaseFile: string, etag: EtagModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [EtagModule.forRoot({ ...etag, isGlobal: true }), DatabaseModule.forFile(databaseFile), UsersModule],
    };
  }
}
