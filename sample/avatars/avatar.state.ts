import { Injectable } from '@nestjs/common';
import { type CurrentState, EtagFiles, type EtagFileState, type EtagRequest } from '../../lib/index.js';
import { UsersStore } from '../store/users.store.js';
import { parseUserId } from '../users/user-input.js';
import { AvatarFolder } from './avatar-folder.js';

/**
 * The state of `/users/:id/avatar`: the file's size, modification time and
 * SHA-256, hashed once and reused while the file is unchanged. The tag is
 * strong and the same on every instance that holds the same bytes; a 304,
 * a 412 or a 416 is decided on it without opening the file.
 */
@Injectable()
export class AvatarState implements CurrentState<EtagFileState> {
  constructor(
    private readonly files: EtagFiles,
    private readonly folder: AvatarFolder,
    private readonly users: UsersStore,
  ) {}

  async load(request: EtagRequest): Promise<EtagFileState | undefined> {
    const id = parseUserId(request.params.id ?? '');
    if ((await this.users.validators(id)) === undefined) return undefined;
    return this.files.stat(this.folder.pathOf(id), { digest: true });
  }
}
