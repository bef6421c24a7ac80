import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Put,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  Etag,
  type EtagFileBody,
  EtagFiles,
  type EtagFileState,
  type EtagOptions,
  Precondition,
  RequireIfMatch,
  type WritePrecondition,
} from '../../lib/index.js';
import { UsersStore } from '../store/users.store.js';
import { parseUserId } from '../users/user-input.js';
import { AvatarFolder } from './avatar-folder.js';
import { AvatarState } from './avatar.state.js';

/** A strong tag from the file's digest; byte ranges, `If-Range`, `Accept-Ranges`. */
const AVATAR: EtagOptions = { current: AvatarState, ranges: true };
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A user's avatar, a PNG file: read whole or in byte ranges (`curl -r`,
 * `curl -C -`, a browser resuming a download), revalidated without opening
 * the file, and replaced only with `If-Match` (or created with
 * `If-None-Match: *`).
 */
@Controller('users/:id/avatar')
export class AvatarsController {
  constructor(
    private readonly files: EtagFiles,
    private readonly folder: AvatarFolder,
    private readonly users: UsersStore,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  @Get()
  @Etag(AVATAR)
  async read(@Param('id') id: string): Promise<EtagFileBody> {
    const userId = parseUserId(id);
    const path = this.folder.pathOf(userId);
    if ((await this.users.validators(userId)) === undefined || (await this.files.stat(path)) === undefined) {
      throw new NotFoundException(`user ${userId} has no avatar`);
    }
    return this.files.file(path, { type: 'image/png' });
  }

  /** 204 with the new tag; 201 when `If-None-Match: *` created it; 412, 428. */
  @Put()
  @HttpCode(204)
  @RequireIfMatch()
  @Etag(AVATAR)
  async replace(
    @Param('id') id: string,
    @Body() body: unknown,
    @Precondition() precondition: WritePrecondition,
    @Res({ passthrough: true }) response: unknown,
  ): Promise<EtagFileState> {
    const userId = parseUserId(id);
    if (!Buffer.isBuffer(body) || !body.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
      throw new UnsupportedMediaTypeException('an avatar is a PNG: send its bytes with Content-Type: image/png');
    }
    if ((await this.users.validators(userId)) === undefined) {
      throw new NotFoundException(`user ${userId} does not exist`);
    }
    const { state, created } = await this.files.write(this.folder.pathOf(userId), body, precondition);
    if (created) this.adapterHost.httpAdapter.status(response, 201);
    // A file state: the module sends its validators and no body (RFC 9110 §9.3.4).
    return state;
  }
}
