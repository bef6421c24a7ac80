import { Exclude } from 'class-transformer';

/**
 * A user as the database holds it, password hash included: an entity such as
 * an ORM returns. `ClassSerializerInterceptor` drops the hash from responses,
 * and the module tags what is sent, so the hash never reaches a tag either.
 */
export class UserAccount {
  readonly id: number;
  readonly name: string;
  readonly age: number;
  @Exclude()
  readonly passwordHash: string;

  constructor(row: { id: number; name: string; age: number; passwordHash: string }) {
    this.id = row.id;
    this.name = row.name;
    this.age = row.age;
    this.passwordHash = row.passwordHash;
  }
}
