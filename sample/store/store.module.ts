import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { openPostgres } from './postgres.js';
import { PostgresUsersStore } from './postgres-users.store.js';
import { openDatabase } from './sqlite.js';
import { SqliteUsersStore } from './sqlite-users.store.js';
import { UsersStore } from './users.store.js';

/** `true` for a PostgreSQL connection URL, as `DATABASE_URL` gives one. */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//.test(database);
}

/** Provides the users store app-wide, on SQLite or PostgreSQL, and closes it with the app. */
@Module({})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(UsersStore) private readonly store: UsersStore) {}

  /** @param database a SQLite file, `:memory:`, or a `postgres://` URL. */
  static forDatabase(database: string): DynamicModule {
    return {
      module: StoreModule,
      global: true,
      providers: [
        {
          provide: UsersStore,
          useFactory: async (): Promise<UsersStore> =>
            isPostgresUrl(database)
              ? new PostgresUsersStore(await openPostgres(database))
              : new SqliteUsersStore(openDatabase(database)),
        },
      ],
      exports: [UsersStore],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
