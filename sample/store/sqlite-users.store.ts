import type { WritePrecondition } from '../../lib/index.js';
import { UserAccount } from '../users/user-account.js';
import type { User, UserInput, Validators } from '../users/user.js';
import { toUser, type UserRow } from './user-row.js';
import { checkNewId, refuse } from './refusal.js';
import type { SampleDatabase } from './sqlite.js';
import { UsersStore, type Written } from './users.store.js';

const COLUMNS = 'id, name, age, version, updated_at';

/** The named parameters of a conditional update: `expected` null for no version condition. */
interface Assignment {
  name: string;
  age: number;
  version: number;
  now: number;
  id: number;
  expected: number | null;
}

/**
 * Users in one SQLite file. Each write runs in an IMMEDIATE transaction,
 * which takes SQLite's write lock first: the revision counter is bumped and
 * the row written with the condition in its WHERE clause, and a concurrent
 * writer (another instance on the same file included) waits its turn.
 */
export class SqliteUsersStore extends UsersStore {
  private readonly statements;

  constructor(private readonly db: SampleDatabase) {
    super();
    this.statements = {
      all: db.prepare<[], UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY id`),
      one: db.prepare<[number], UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = ?`),
      validators: db.prepare<[number], Validators>('SELECT version, updated_at AS updatedAt FROM users WHERE id = ?'),
      list: db.prepare<[], Validators>('SELECT value AS version, updated_at AS updatedAt FROM revision WHERE id = 1'),
      account: db.prepare<[number], ConstructorParameters<typeof UserAccount>[0]>(
        'SELECT id, name, age, password_hash AS passwordHash FROM users WHERE id = ?',
      ),
      password: db.prepare<[string, number]>('UPDATE users SET password_hash = ? WHERE id = ?'),
      // Every write takes the next version; last_id remembers every id ever used.
      bump: db.prepare<[{ now: number; id: number }], { value: number }>(
        'UPDATE revision SET value = value + 1, updated_at = @now, last_id = MAX(last_id, @id) WHERE id = 1 RETURNING value',
      ),
      // A create takes the list's next version and the next id in one statement, under the list's condition.
      bumpForCreate: db.prepare<[{ now: number; expected: number | null }], { value: number; id: number }>(
        `UPDATE revision SET value = value + 1, updated_at = @now,
           last_id = MAX(last_id, COALESCE((SELECT MAX(id) FROM users), 0)) + 1
         WHERE id = 1 AND (@expected IS NULL OR value = @expected) RETURNING value, last_id AS id`,
      ),
      insert: db.prepare<[number, string, number, number, number], UserRow>(
        `INSERT INTO users (id, name, age, version, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}`,
      ),
      update: db.prepare<[Assignment], UserRow>(
        `UPDATE users SET name = @name, age = @age, version = @version, updated_at = @now
         WHERE id = @id AND (@expected IS NULL OR version = @expected) RETURNING ${COLUMNS}`,
      ),
      remove: db.prepare<[{ id: number; expected: number | null }]>(
        'DELETE FROM users WHERE id = @id AND (@expected IS NULL OR version = @expected)',
      ),
    };
  }

  async list(): Promise<User[]> {
    return this.statements.all.all().map(toUser);
  }

  async listValidators(): Promise<Validators> {
    return this.statements.list.get()!;
  }

  async find(id: number): Promise<User | undefined> {
    const row = this.statements.one.get(id);
    return row && toUser(row);
  }

  async validators(id: number): Promise<Validators | undefined> {
    return this.statements.validators.get(id);
  }

  async account(id: number): Promise<UserAccount | undefined> {
    const row = this.statements.account.get(id);
    return row && new UserAccount(row);
  }

  async setPasswordHash(id: number, hash: string): Promise<boolean> {
    return this.statements.password.run(hash, id).changes > 0;
  }

  async create(input: UserInput, precondition: WritePrecondition): Promise<User> {
    return this.write(() => {
      const now = Date.now();
      // The list's condition and the new version in one statement.
      const bumped = this.statements.bumpForCreate.get({ now, expected: expectedVersion(precondition) });
      if (bumped === undefined) throw precondition.failed(this.statements.list.get());
      return toUser(this.statements.insert.get(checkNewId(bumped.id), input.name, input.age, bumped.value, now)!);
    });
  }

  async put(id: number, input: UserInput, precondition: WritePrecondition): Promise<Written> {
    return this.write(() => {
      const now = Date.now();
      const version = this.statements.bump.get({ now, id })!.value;
      if (precondition.kind === 'absent' || precondition.kind === 'none') {
        const created = this.statements.insert.get(id, input.name, input.age, version, now);
        if (created !== undefined) return { user: toUser(created), created: true };
        if (precondition.kind === 'absent') refuse(precondition, id, this.statements.validators.get(id));
      }
      return { user: this.replace(id, input, precondition, version, now), created: false };
    });
  }

  async update(id: number, patch: Partial<UserInput>, precondition: WritePrecondition): Promise<User> {
    return this.write(() => {
      const current = this.statements.one.get(id);
      if (current === undefined || precondition.kind === 'absent')
        refuse(precondition, id, current && validatorsOf(current));
      const now = Date.now();
      return this.replace(
        id,
        { ...toUser(current), ...patch },
        precondition,
        this.statements.bump.get({ now, id })!.value,
        now,
      );
    });
  }

  async delete(id: number, precondition: WritePrecondition): Promise<void> {
    this.write(() => {
      const current = this.statements.validators.get(id);
      if (current === undefined || precondition.kind === 'absent') refuse(precondition, id, current);
      this.statements.bump.get({ now: Date.now(), id });
      if (this.statements.remove.run({ id, expected: expectedVersion(precondition) }).changes === 0) {
        refuse(precondition, id, this.statements.validators.get(id));
      }
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  // The write itself, with the expected version (if any) in its WHERE clause.
  private replace(id: number, input: UserInput, precondition: WritePrecondition, version: number, now: number): User {
    const expected = expectedVersion(precondition);
    const row = this.statements.update.get({ name: input.name, age: input.age, version, now, id, expected });
    return row === undefined ? refuse(precondition, id, this.statements.validators.get(id)) : toUser(row);
  }

  private write<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }
}

function expectedVersion(precondition: WritePrecondition): number | null {
  return precondition.kind === 'version' ? Number(precondition.version) : null;
}

function validatorsOf(row: UserRow): Validators {
  return { version: row.version, updatedAt: row.updated_at };
}
