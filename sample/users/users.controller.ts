import { scryptSync } from 'node:crypto';
import {
  Body,
  ClassSerializerInterceptor,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Etag, IfMatch, type IfMatchCondition, RequireIfMatch } from '../../lib/index.js';
import type { User } from './user.js';
import type { UserAccount } from './user-account.js';
import { parsePassword, parseUserId, parseUserInput, parseUserPatch } from './user-input.js';
import { UserListState } from './user-list.state.js';
import { UserState } from './user.state.js';
import { UsersRepository } from './users.repository.js';

/**
 * A users resource with entity tags. Every route shares the controller's
 * strong `@Etag()`, so the tag of `GET /users/1` is the one `PUT /users/1`
 * checks; item routes name `UserState` so 304s and 412s skip the handler.
 */
@Controller('users')
@Etag()
export class UsersController {
  constructor(
    private readonly users: UsersRepository,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  @Get()
  list(): User[] {
    return this.users.list();
  }

  @Get(':id')
  @Etag({ current: UserState })
  findOne(@Param('id') id: string): User {
    return this.users.get(parseUserId(id));
  }

  /** The seed's weak tag: it follows `name` only, not `age`. */
  @Get(':id/profile')
  @Etag({ weak: true, fields: ['name'], current: UserState })
  profile(@Param('id') id: string): User {
    return this.users.get(parseUserId(id));
  }

  /**
   * The stored entity, password hash and all, serialised by
   * `ClassSerializerInterceptor`, which drops the hash: the strong tag is of
   * the bytes sent, so a new password is no new tag.
   */
  @Get(':id/account')
  @UseInterceptors(ClassSerializerInterceptor)
  account(@Param('id') id: string): UserAccount {
    return this.users.account(parseUserId(id));
  }

  /** Sets a user's password; the user's representations do not change, nor do their tags. */
  @Put(':id/password')
  @HttpCode(204)
  setPassword(@Param('id') id: string, @Body() body: unknown): void {
    const userId = parseUserId(id);
    // A sample, not advice on password storage: a fixed salt keeps it short.
    this.users.setPasswordHash(userId, scryptSync(parsePassword(body), 'nestjs-etag-sample', 32).toString('base64'));
  }

  /** 201 with `Location`, the new user and its `ETag`; conditions are judged against the list. */
  @Post()
  @Etag({ current: UserListState })
  create(@Body() body: unknown, @Res({ passthrough: true }) response: unknown): User {
    const user = this.users.create(parseUserInput(body));
    this.locate(response, user, true);
    return user;
  }

  /**
   * Replaces a user; needs `If-Match`, or `If-None-Match: *` to create user
   * `id` only if it does not exist yet (201).
   */
  @Put(':id')
  @RequireIfMatch()
  @Etag({ current: UserState })
  replace(
    @Param('id') id: string,
    @Body() body: unknown,
    @IfMatch() ifMatch: IfMatchCondition | undefined,
    @Res({ passthrough: true }) response: unknown,
  ): User {
    const userId = parseUserId(id);
    const input = parseUserInput(body, userId);
    if (ifMatch === undefined) {
      // @RequireIfMatch let it through, so it is a create-only If-None-Match: *.
      const user = this.users.createOnly(userId, input);
      this.adapterHost.httpAdapter.status(response, 201);
      this.locate(response, user, true);
      return user;
    }
    return this.users.replace(userId, ifMatch, () => input);
  }

  /** Changes some properties; answers with the new user, its `ETag` and `Content-Location`. */
  @Patch(':id')
  @RequireIfMatch()
  @Etag({ current: UserState })
  update(
    @Param('id') id: string,
    @Body() body: unknown,
    @IfMatch() ifMatch: IfMatchCondition | undefined,
    @Res({ passthrough: true }) response: unknown,
  ): User {
    const userId = parseUserId(id);
    const patch = parseUserPatch(body, userId);
    const user = this.users.replace(userId, ifMatch, (current) => ({ ...current, ...patch }));
    this.locate(response, user, false);
    return user;
  }

  /** Deletes a user; honours `If-Match` when sent. */
  @Delete(':id')
  @HttpCode(204)
  @Etag({ current: UserState })
  remove(@Param('id') id: string, @IfMatch() ifMatch: IfMatchCondition | undefined): void {
    this.users.delete(parseUserId(id), ifMatch);
  }

  // Content-Location says the body is the representation of /users/:id, so
  // its ETag is that resource's (RFC 9110 §8.7); Location names a new one.
  private locate(response: unknown, user: User, created: boolean): void {
    const adapter = this.adapterHost.httpAdapter;
    const uri = `/users/${user.id}`;
    if (created) adapter.setHeader(response, 'Location', uri);
    adapter.setHeader(response, 'Content-Location', uri);
  }
}
