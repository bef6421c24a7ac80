import { type DynamicModule, Module } from '@nestjs/common';
import { EtagModule } from '../lib/index.js';
import { DatabaseModule } from './database.module.js';
import { UsersModule } from './users/users.module.js';

/** The sample app: one users resource whose tags EtagModule makes. */
@Module({})
export class AppModule {
  /** @param databaseFile the SQLite file, or `:memory:`. */
  static forDatabase(databaseFile: string): DynamicModule {
    return {
      module: AppModule,
      imports: [EtagModule.forRoot({ isGlobal: true }), DatabaseModule.forFile(databaseFile), UsersModule],
    };
  }
}
