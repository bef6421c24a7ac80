import { Injectable } from '@nestjs/common';
import type { CurrentState, EtagRequest } from '../../lib/index.js';
import { UsersStore } from '../store/users.store.js';
import type { User, Validators } from './user.js';
import { parseUserId } from './user-input.js';

/**
 * The validators of `/users/:id`: its version and last write, one small
 * indexed read. A 304 or 412 is decided on them before the handler runs.
 * A malformed id is the same 400 the handler would give: never a 304 or 412
 * (RFC 9110 §13.2.1).
 */
@Injectable()
export class UserValidators implements CurrentState<Validators> {
  constructor(private readonly users: UsersStore) {}

  load(request: EtagRequest): Promise<Validators | undefined> {
    return this.users.validators(parseUserId(request.params.id ?? ''));
  }
}

/**
 * The whole user, for `/users/:id/profile`, whose weak tag is over `name`
 * only: a tag of selected fields needs the fields.
 */
@Injectable()
export class UserState implements CurrentState<User> {
  constructor(private readonly users: UsersStore) {}

  load(request: EtagRequest): Promise<User | undefined> {
    return this.users.find(parseUserId(request.params.id ?? ''));
  }
}

/**
 * The validators of the list `/users`, also the target of `POST /users`:
 * the sum of every user's version, deleted users' tombstones included, which
 * every create, update and delete adds 1 to, and the newest write's time: the
 * list's tag changes on every write without hashing the list, and without a
 * row that every write must update.
 */
@Injectable()
export class UserListValidators implements CurrentState<Validators> {
  constructor(private readonly users: UsersStore) {}

  load(): Promise<Validators> {
    return this.users.listValidators();
  }
}
