import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EtagService, type IfMatchCondition, type IfNoneMatchCondition } from '../../lib/index.js';
import { DATABASE, type SampleDatabase } from '../database.js';
import type { User, UserInput } from './user.js';
import { UserAccount } from './user-account.js';

/** `If-None-Match: *`: only if the user does not exist yet. */
const CREATE_ONLY: IfNoneMatchCondition = { kind: 'any' };

/**
 * Users in SQLite. Every conditional write re-checks its condition inside an
 * IMMEDIATE transaction, which holds SQLite's write lock from the read to
 * the write: the check the interceptor made before the handler could have
 * raced with another request (or another instance on the same file), this
 * one cannot. That is the compare-and-swap that prevents lost updates.
 */
@Injectable()
export class UsersRepository {
  private readonly select;
  private readonly selectAll;
  private readonly insert;
  private readonly insertWithId;
  private readonly update;
  private readonly remove;
  private readonly selectAccount;
  private readonly updatePassword;

  constructor(
    @Inject(DATABASE) private readonly db: SampleDatabase,
    private readonly etags: EtagService,
  ) {
    // Columns in the order of User, so every path serialises the same bytes.
    this.select = db.prepare<[number], User>('SELECT id, name, age FROM users WHERE id = ?');
    this.selectAll = db.prepare<[], User>('SELECT id, name, age FROM users ORDER BY id');
    this.insert = db.prepare<[string, number], User>(
      'INSERT INTO users (name, age) VALUES (?, ?) RETURNING id, name, age',
    );
    this.insertWithId = db.prepare<[number, string, number], User>(
      'INSERT INTO users (id, name, age) VALUES (?, ?, ?) RETURNING id, name, age',
    );
    this.update = db.prepare<[string, number, number], User>(
      'UPDATE users SET name = ?, age = ? WHERE id = ? RETURNING id, name, age',
    );
    this.remove = db.prepare<[number]>('DELETE FROM users WHERE id = ?');
    this.selectAccount = db.prepare<[number], ConstructorParameters<typeof UserAccount>[0]>(
      'SELECT id, name, age, password_hash AS passwordHash FROM users WHERE id = ?',
    );
    this.updatePassword = db.prepare<[string, number]>('UPDATE users SET password_hash = ? WHERE id = ?');
  }

  list(): User[] {
    return this.selectAll.all().map(toUser);
  }

  find(id: number): User | undefined {
    const row = this.select.get(id);
    return row && toUser(row);
  }

  /** The user, or a 404 that says which. */
  get(id: number): User {
    const user = this.find(id);
    if (user === undefined) throw new NotFoundException(`user ${id} does not exist`);
    return user;
  }

  /** The user with its password hash, as the entity `ClassSerializerInterceptor` serialises; or a 404. */
  account(id: number): UserAccount {
    const row = this.selectAccount.get(id);
    if (row === undefined) throw new NotFoundException(`user ${id} does not exist`);
    return new UserAccount(row);
  }

  /** Stores a new password hash; the user's representation does not change. */
  setPasswordHash(id: number, hash: string): void {
    if (this.updatePassword.run(hash, id).changes === 0) throw new NotFoundException(`user ${id} does not exist`);
  }

  create(input: UserInput): User {
    return toUser(this.insert.get(input.name, input.age)!);
  }

  /** Creates user `id`, unless it exists (a create-only PUT, `If-None-Match: *`). */
  createOnly(id: number, input: UserInput): User {
    return this.db
      .transaction(() => {
        this.etags.assertIfNoneMatch(CREATE_ONLY, this.find(id));
        return toUser(this.insertWithId.get(id, input.name, input.age)!);
      })
      .immediate();
  }

  /**
   * Replaces user `id` with `change(current)` if `ifMatch` holds for the
   * stored user, atomically. Throws a 404 when there is no such user, the
   * library's 412 (with the current tag) when another write got there first.
   */
  replace(id: number, ifMatch: IfMatchCondition | undefined, change: (current: User) => UserInput): User {
    return this.db
      .transaction(() => {
        // A missing user is a 404 whatever the condition (RFC 9110 §13.2.1).
        const current = this.get(id);
        this.etags.assertIfMatch(ifMatch, current);
        const next = change(current);
        return toUser(this.update.get(next.name, next.age, id)!);
      })
      .immediate();
  }

  /** Deletes user `id` if `ifMatch` holds, atomically. */
  delete(id: number, ifMatch: IfMatchCondition | undefined): void {
    this.db
      .transaction(() => {
        this.etags.assertIfMatch(ifMatch, this.get(id));
        this.remove.run(id);
      })
      .immediate();
  }
}

// A fresh object with the keys in User's order, whatever the driver returns.
function toUser(row: User): User {
  return { id: row.id, name: row.name, age: row.age };
}
