import { Injectable } from '@nestjs/common';
import type { CurrentState } from '../../lib/index.js';
import type { User } from './user.js';
import { UsersRepository } from './users.repository.js';

/**
 * The current state of `/users`, the target of `POST /users`: the list
 * `GET /users` returns. It lets the module judge a conditional POST
 * (RFC 9110 §13.1), e.g. `If-Match` with the tag of the list a client read.
 */
@Injectable()
export class UserListState implements CurrentState<User[]> {
  constructor(private readonly users: UsersRepository) {}

  load(): User[] {
    return this.users.list();
  }
}
