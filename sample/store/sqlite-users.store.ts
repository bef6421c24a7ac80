import type { WritePrecondition } from '../../lib/index.js';
import { UserAccount } from '../users/user-account.js';
import type { User, UserInput, Validators } from '../users/user.js';
import { toUser, type UserRow } from './user-row.js';
import { firstFreeIdSql, LIST_UPDATED_AT_SQL, LIST_VERSION_SQL } from './list-version.js';
import { checkNewId, refuse } from './refusal.js';
import type { SampleDatabase } from './sqlite.js';
import { UsersStore, type Written } from './users.store.js';

const COLUMNS = 'id, name, age, version, updated_at';

/** The named parameters of a conditional write: `version` null for no version condition. */
interface Condition {
  id: number;
  version: number | null;
  now: number;
}

/**
 * Users in one SQLite file. Each write runs in an IMMEDIATE transaction,
 * which takes SQLite's write lock first, and writes the row with its
 * condition in the WHERE clause; a concurrent writer (another instance on the
 * same file included) waits its turn. A delete keeps a tombstone (see
 * list-version.ts): versions never repeat, and the list's version is the sum
 * of every row's.
 */
export class SqliteUsersStore extends UsersStore {
  private readonly statements;

  constructor(private readonly db: SampleDatabase) {
    super();
    this.statements = {
      all: db.prepare<[], UserRow>(`SELECT ${COLUMNS} FROM users WHERE deleted = 0 ORDER BY id`),
      one: db.prepare<[number], UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = ? AND deleted = 0`),
      validators: db.prepare<[number], Validators>(
        'SELECT version, updated_at AS updatedAt FROM users WHERE id = ? AND deleted = 0',
      ),
      list: db.prepare<[], Validators>(
        `SELECT ${LIST_VERSION_SQL} AS version, ${LIST_UPDATED_AT_SQL} AS updatedAt FROM users`,
      ),
      account: db.prepare<[number], ConstructorParameters<typeof UserAccount>[0]>(
        'SELECT id, name, age, password_hash AS passwordHash FROM users WHERE id = ? AND deleted = 0',
      ),
      password: db.prepare<[string, number]>('UPDATE users SET password_hash = ? WHERE id = ? AND deleted = 0'),
      // POST's allocator: the last id it handed out. Only POST moves it, so a PUT's id never uses ids up.
      lastId: db.prepare<[], { id: number }>('SELECT last_id AS id FROM user_ids WHERE id = 1'),
      freeId: db.prepare<[{ from: number }], { id: number }>(firstFreeIdSql('@from')),
      allocate: db.prepare<[number]>('UPDATE user_ids SET last_id = ? WHERE id = 1'),
      // A new user, or a deleted one back from its tombstone, its version going on from there.
      create: db.prepare<[number, string, number, number], UserRow>(
        `INSERT INTO users (id, name, age, version, updated_at) VALUES (?, ?, ?, 1, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, age = excluded.age, version = users.version + 1,
           updated_at = excluded.updated_at, deleted = 0, password_hash = ''
         WHERE users.deleted = 1 RETURNING ${COLUMNS}`,
      ),
      update: db.prepare<[Condition & UserInput], UserRow>(
        `UPDATE users SET name = @name, age = @age, version = version + 1, updated_at = @now
         WHERE id = @id AND deleted = 0 AND (@version IS NULL OR version = @version) RETURNING ${COLUMNS}`,
      ),
      // The tombstone keeps the id and a new version, nothing of the user.
      remove: db.prepare<[Condition]>(
        `UPDATE users SET deleted = 1, name = '', age = 0, password_hash = '', version = version + 1, updated_at = @now
         WHERE id = @id AND deleted = 0 AND (@version IS NULL OR version = @version)`,
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

  async create(input: UserInput, precondition: WritePrecondition<number>): Promise<User> {
    return this.write(() => {
      // The list's condition, judged again under the write lock, which no other write can pass.
      const list = this.statements.list.get()!;
      if (!precondition.holdsFor(list)) throw precondition.failed(list);
      const id = checkNewId(this.statements.freeId.get({ from: this.statements.lastId.get()!.id + 1 })!.id);
      this.statements.allocate.run(id);
      return toUser(this.statements.create.get(id, input.name, input.age, Date.now())!);
    });
  }

  async put(id: number, input: UserInput, precondition: WritePrecondition<number>): Promise<Written> {
    return this.write(() => {
      if (precondition.kind === 'absent' || precondition.kind === 'none') {
        const created = this.statements.create.get(id, input.name, input.age, Date.now());
        if (created !== undefined) return { user: toUser(created), created: true };
        if (precondition.kind === 'absent') refuse(precondition, id, this.statements.validators.get(id));
      }
      return { user: this.replace(id, input, precondition), created: false };
    });
  }

  async update(id: number, patch: Partial<UserInput>, precondition: WritePrecondition<number>): Promise<User> {
    return this.write(() => {
      const current = this.statements.one.get(id);
      if (current === undefined || precondition.kind === 'absent') {
        refuse(precondition, id, current && validatorsOf(current));
      }
      return this.replace(id, { ...toUser(current), ...patch }, precondition);
    });
  }

  async delete(id: number, precondition: WritePrecondition<number>): Promise<void> {
    this.write(() => {
      const current = this.statements.validators.get(id);
      if (current === undefined || precondition.kind === 'absent') refuse(precondition, id, current);
      if (this.statements.remove.run(condition(precondition, id)).changes === 0) {
        refuse(precondition, id, this.statements.validators.get(id));
      }
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  // The write itself, with the expected version (if any) in its WHERE clause.
  private replace(id: number, input: UserInput, precondition: WritePrecondition<number>): User {
    const row = this.statements.update.get({ ...condition(precondition, id), name: input.name, age: input.age });
    return row === undefined ? refuse(precondition, id, this.statements.validators.get(id)) : toUser(row);
  }

  private write<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }
}

/** The WHERE of a write as named parameters: the precondition's filter, `version` null when it has none. */
function condition(precondition: WritePrecondition<number>, id: number): Condition {
  const { version = null } = precondition.where({ id });
  return { id, version, now: Date.now() };
}

function validatorsOf(row: UserRow): Validators {
  return { version: row.version, updatedAt: row.updated_at };
}
