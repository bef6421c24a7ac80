import { Injectable } from '@nestjs/common';
import type { CurrentState, EtagRequest } from '../../lib/index.js';
import type { User } from './user.js';
import { UsersRepository } from './users.repository.js';

/**
 * The current state of `/users/:id`, loaded before a handler runs so the
 * module can answer 304/412 without calling it.
 */
@Injectable()
export class UserState implements CurrentState<User> {
  constructor(private readonly users: UsersRepository) {}

  load(request: EtagRequest): User | undefined {
    const id = Number(request.params.id);
    return Number.isSafeInteger(id) ? this.users.find(id) : undefined;
  }
}
