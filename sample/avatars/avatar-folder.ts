import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedAvatar } from './seed-avatar.js';

/** The token of the avatars' folder, `null` for a temporary one. */
export const AVATAR_FOLDER = 'sample:avatar-folder';

/**
 * Where avatars are stored: one PNG a user, `<id>.png`, in a folder on the
 * instance's disk (`AVATAR_DIR`), or a temporary one removed as the app
 * stops. User 1's is seeded as the app starts, as user 1 is.
 */
@Injectable()
export class AvatarFolder implements OnModuleInit, OnApplicationShutdown {
  readonly path: string;
  private readonly temporary: boolean;

  constructor(@Inject(AVATAR_FOLDER) folder: string | null) {
    this.temporary = folder === null;
    this.path = folder ?? mkdtempSync(join(tmpdir(), 'nestjs-etag-avatars-'));
  }

  /** The avatar of user `id`: a path made of a parsed id, never of the request's text. */
  pathOf(id: number): string {
    return join(this.path, `${id}.png`);
  }

  onModuleInit(): void {
    mkdirSync(this.path, { recursive: true });
    try {
      writeFileSync(this.pathOf(1), seedAvatar(), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }

  onApplicationShutdown(): void {
    if (this.temporary) rmSync(this.path, { recursive: true, force: true });
  }
}
