import { Injectable } from '@nestjs/common';
import type { CurrentState, EtagRequest } from '../../lib/index.js';
import type { User } from './user.js';
import { parseUserId } from './user-input.js';
import { UsersRepository } from './users.repository.js';

/**
 * The current state of `/users/:id`, loaded before a handler runs so the
 * module can answer 304/412 without calling it.
 */
@Injectable()
export class UserState implements CurrentState<User> {
  constructor(private readonly users: UsersRepository) {}

  /** A malformed id is the same 400 the handler would give: never a 304 or 412 (RFC 9110 §13.2.1). */
  load(request: EtagRequest): User | undefined {
    return this.users.find(parseUserId(request.params.id ?? ''));
  }
}
