import { Module } from '@nestjs/common';
import { UserState } from './user.state.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';

@Module({
  controllers: [UsersController],
  providers: [UsersRepository, UserState],
})
export class UsersModule {}
