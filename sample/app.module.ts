import { type DynamicModule, Module } from '@nestjs/common';
import { EtagModule, type EtagModuleOptions } from '../lib/index.js';
import { AvatarsModule } from './avatars/avatars.module.js';
import { StoreModule } from './store/store.module.js';
import { UsersModule } from './users/users.module.js';

/** The sample app: a users resource and their avatars, whose tags EtagModule makes. */
@Module({})
export class AppModule {
  /**
   * @param database a SQLite file, `:memory:`, or a `postgres://` URL.
   * @param etag the EtagModule options, e.g. `{ algorithm: 'sha256' }`.
   * @param avatars the avatars' folder; a temporary one, removed as the app stops, when omitted.
   */
  static forDatabase(database: string, etag: EtagModuleOptions = {}, avatars?: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EtagModule.forRoot({ ...etag, isGlobal: true }),
        StoreModule.forDatabase(database),
        UsersModule,
        AvatarsModule.inFolder(avatars),
      ],
    };
  }
}
