import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DATABASE, openDatabase, type SampleDatabase } from './database.js';

/** Provides the SQLite connection app-wide and closes it with the app. */
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: SampleDatabase) {}

  /** @param file the SQLite file, or `:memory:`. */
  static forFile(file: string): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [{ provide: DATABASE, useFactory: () => openDatabase(file) }],
      exports: [DATABASE],
    };
  }

  onApplicationShutdown(): void {
    if (this.db.open) this.db.close();
  }
}
