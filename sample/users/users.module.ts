import { Module } from '@nestjs/common';
import { UserListState } from './user-list.state.js';
import { UserState } from './user.state.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';

@Module({
  controllers: [UsersController],
  providers: [UsersRepository, UserState, UserListState],
})
export class UsersModule {}
