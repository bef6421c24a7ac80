import { Module } from '@nestjs/common';
import { UserListValidators, UserState, UserValidators } from './user.states.js';
import { UsersController } from './users.controller.js';

@Module({
  controllers: [UsersController],
  providers: [UserValidators, UserState, UserListValidators],
})
export class UsersModule {}
