import { scryptSync } from 'node:crypto';
import {
  Body,
  ClassSerializerInterceptor,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Patch,
  Post,
  Put,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Etag, type EtagOptions, Precondition, RequireIfMatch, type WritePrecondition } from '../../lib/index.js';
import { UsersStore } from '../store/users.store.js';
import type { User } from './user.js';
import type { UserAccount } from './user-account.js';
import { parsePassword, parseUserId, parseUserInput, parseUserPatch } from './user-input.js';
import { UserListValidators, UserState, UserValidators } from './user.states.js';

/** A user's tag comes from its version, and `Last-Modified` from its last write. */
const USER: EtagOptions = { current: UserValidators, version: 'version', lastModified: 'updatedAt' };
/** The list's likewise, from the sum of the users' versions: no hash of the whole list. */
const LIST: EtagOptions = { current: UserListValidators, version: 'version', lastModified: 'updatedAt' };

/**
 * A users resource with entity tags. Reads and writes of a user share its
 * version tag, so the tag `GET /users/1` sends is the one `PUT /users/1`
 * checks, and every write enforces its precondition inside the store's write.
 */
@Controller('users')
@Etag()
export class UsersController {
  constructor(
    private readonly users: UsersStore,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  @Get()
  @Etag(LIST)
  list(): Promise<User[]> {
    return this.users.list();
  }

  @Get(':id')
  @Etag(USER)
  findOne(@Param('id') id: string): Promise<User> {
    return this.get(parseUserId(id));
  }

  /** The seed's weak tag: it follows `name` only, not `age`. */
  @Get(':id/profile')
  @Etag({ weak: true, fields: ['name'], current: UserState })
  profile(@Param('id') id: string): Promise<User> {
    return this.get(parseUserId(id));
  }

  /**
   * The stored entity, password hash and all, serialised by
   * `ClassSerializerInterceptor`, which drops the hash: the strong tag is of
   * the bytes sent, so a new password is no new tag.
   */
  @Get(':id/account')
  @UseInterceptors(ClassSerializerInterceptor)
  async account(@Param('id') id: string): Promise<UserAccount> {
    const userId = parseUserId(id);
    return (await this.users.account(userId)) ?? missing(userId);
  }

  /** Sets a user's password; the user's representations do not change, nor do their tags. */
  @Put(':id/password')
  @HttpCode(204)
  async setPassword(@Param('id') id: string, @Body() body: unknown): Promise<void> {
    const userId = parseUserId(id);
    // A sample, not advice on password storage: a fixed salt keeps it short.
    const hash = scryptSync(parsePassword(body), 'nestjs-etag-sample', 32).toString('base64');
    if (!(await this.users.setPasswordHash(userId, hash))) missing(userId);
  }

  /** 201 with `Location`, the new user and its tag; a list condition is enforced where the row is inserted. */
  @Post()
  @Etag(LIST)
  async create(
    @Body() body: unknown,
    @Precondition() precondition: WritePrecondition<number>,
    @Res({ passthrough: true }) response: unknown,
  ): Promise<User> {
    const user = await this.users.create(parseUserInput(body), precondition);
    this.locate(response, user, true);
    return user;
  }

  /**
   * Replaces a user; needs `If-Match`, or `If-None-Match: *` to create user
   * `id` only if it does not exist yet (201).
   */
  @Put(':id')
  @RequireIfMatch()
  @Etag(USER)
  async replace(
    @Param('id') id: string,
    @Body() body: unknown,
    @Precondition() precondition: WritePrecondition<number>,
    @Res({ passthrough: true }) response: unknown,
  ): Promise<User> {
    const userId = parseUserId(id);
    const { user, created } = await this.users.put(userId, parseUserInput(body, userId), precondition);
    if (created) {
      this.adapterHost.httpAdapter.status(response, 201);
      this.locate(response, user, true);
    }
    return user;
  }

  /** Changes some properties; answers with the new user, its `ETag` and `Content-Location`. */
  @Patch(':id')
  @RequireIfMatch()
  @Etag(USER)
  async update(
    @Param('id') id: string,
    @Body() body: unknown,
    @Precondition() precondition: WritePrecondition<number>,
    @Res({ passthrough: true }) response: unknown,
  ): Promise<User> {
    const userId = parseUserId(id);
    const user = await this.users.update(userId, parseUserPatch(body, userId), precondition);
    this.locate(response, user, false);
    return user;
  }

  /** Deletes a user; honours `If-Match` (and `If-None-Match`, `If-Unmodified-Since`) when sent. */
  @Delete(':id')
  @HttpCode(204)
  @Etag(USER)
  remove(@Param('id') id: string, @Precondition() precondition: WritePrecondition<number>): Promise<void> {
    return this.users.delete(parseUserId(id), precondition);
  }

  private async get(id: number): Promise<User> {
    return (await this.users.find(id)) ?? missing(id);
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

function missing(id: number): never {
  throw new NotFoundException(`user ${id} does not exist`);
}
