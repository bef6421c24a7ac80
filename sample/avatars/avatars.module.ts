import { type DynamicModule, Module } from '@nestjs/common';
import { AVATAR_FOLDER, AvatarFolder } from './avatar-folder.js';
import { AvatarState } from './avatar.state.js';
import { AvatarsController } from './avatars.controller.js';

/** Users' avatars, files in a folder (see AvatarFolder). */
@Module({})
export class AvatarsModule {
  /** @param folder the avatars' folder; a temporary one when omitted. */
  static inFolder(folder: string | undefined): DynamicModule {
    return {
      module: AvatarsModule,
      controllers: [AvatarsController],
      providers: [{ provide: AVATAR_FOLDER, useValue: folder ?? null }, AvatarFolder, AvatarState],
    };
  }
}
