import type pg from 'pg';
import type { WritePrecondition } from '../../lib/index.js';
import { UserAccount } from '../users/user-account.js';
import type { User, UserInput, Validators } from '../users/user.js';
import { toUser, type UserRow } from './user-row.js';
import { firstFreeIdSql, LIST_UPDATED_AT_SQL, LIST_VERSION_SQL } from './list-version.js';
import { checkNewId, refuse } from './refusal.js';
import { UsersStore, type Written } from './users.store.js';

// BIGINT comes back as a string; every id and version here is at most 2^53 − 1.
const COLUMNS = 'id::float8 AS id, name, age, version::float8 AS version, updated_at::float8 AS updated_at';
const VALIDATORS = 'version::float8 AS "version", updated_at::float8 AS "updatedAt"';
const LIST_VALIDATORS = `SELECT ${LIST_VERSION_SQL}::float8 AS "version", ${LIST_UPDATED_AT_SQL}::float8 AS "updatedAt" FROM users`;

type Query = <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<R | undefined>;

/**
 * Users in PostgreSQL, for several instances on several machines. Each write
 * is one statement with its condition in the WHERE clause (`UPDATE … WHERE
 * id = $1 AND version = $2`, in a transaction where it needs a read first),
 * so no read-then-write window is left, and writes of different users never
 * wait for each other: there is no row every write updates. A delete keeps a
 * tombstone, and the list's version is the sum of every row's (see
 * list-version.ts). A conditional POST locks the table against other writes
 * (not reads) while it judges the list and inserts.
 */
export class PostgresUsersStore extends UsersStore {
  constructor(private readonly pool: pg.Pool) {
    super();
  }

  async list(): Promise<User[]> {
    const { rows } = await this.pool.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE NOT deleted ORDER BY id`);
    return rows.map(toUser);
  }

  async listValidators(): Promise<Validators> {
    return (await this.one<Validators>(this.pool, LIST_VALIDATORS))!;
  }

  async find(id: number): Promise<User | undefined> {
    const row = await this.one<UserRow>(this.pool, `SELECT ${COLUMNS} FROM users WHERE id = $1 AND NOT deleted`, [id]);
    return row && toUser(row);
  }

  async validators(id: number): Promise<Validators | undefined> {
    return this.current((text, values) => this.one(this.pool, text, values), id);
  }

  async account(id: number): Promise<UserAccount | undefined> {
    const row = await this.one<ConstructorParameters<typeof UserAccount>[0]>(
      this.pool,
      'SELECT id::float8 AS id, name, age, password_hash AS "passwordHash" FROM users WHERE id = $1 AND NOT deleted',
      [id],
    );
    return row && new UserAccount(row);
  }

  async setPasswordHash(id: number, hash: string): Promise<boolean> {
    const result = await this.pool.query('UPDATE users SET password_hash = $1 WHERE id = $2 AND NOT deleted', [
      hash,
      id,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async create(input: UserInput, precondition: WritePrecondition<number>): Promise<User> {
    return this.write(async (query, now) => {
      if (precondition.kind !== 'none') {
        // The list must stay as judged until the insert: no other write may land in between. SHARE ROW
        // EXCLUSIVE waits for writes under way, holds off new ones (and other conditional POSTs), lets reads on.
        await query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
        const list = (await query<Validators>(LIST_VALIDATORS))!;
        if (!precondition.holdsFor(list)) throw precondition.failed(list);
      }
      for (;;) {
        const { id } = (await query<{ id: number }>(`SELECT nextval('user_ids')::float8 AS id`))!;
        const created = await this.createRow(query, checkNewId(id), input, now);
        if (created !== undefined) return toUser(created);
        // The id was taken by a create-only PUT: move the sequence past the run of taken ids, never back.
        const free = (await query<{ id: number }>(firstFreeIdSql('$1::bigint'), [id]))!.id;
        await query(`SELECT setval('user_ids', GREATEST($1::bigint - 1, (SELECT last_value FROM user_ids)))`, [free]);
      }
    });
  }

  async put(id: number, input: UserInput, precondition: WritePrecondition<number>): Promise<Written> {
    return this.write(async (query, now) => {
      if (precondition.kind === 'absent' || precondition.kind === 'none') {
        const created = await this.createRow(query, id, input, now);
        if (created !== undefined) return { user: toUser(created), created: true };
        if (precondition.kind === 'absent') refuse(precondition, id, await this.current(query, id));
      }
      return { user: await this.replace(query, id, input, precondition, now), created: false };
    });
  }

  async update(id: number, patch: Partial<UserInput>, precondition: WritePrecondition<number>): Promise<User> {
    return this.write(async (query, now) => {
      // FOR UPDATE: the properties not patched are the ones the write keeps, even under If-Match: *.
      const row = await query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1 AND NOT deleted FOR UPDATE`, [id]);
      if (row === undefined || precondition.kind === 'absent') {
        refuse(precondition, id, row && { version: row.version, updatedAt: row.updated_at });
      }
      return this.replace(query, id, { ...toUser(row), ...patch }, precondition, now);
    });
  }

  async delete(id: number, precondition: WritePrecondition<number>): Promise<void> {
    if (precondition.kind === 'absent') refuse(precondition, id, await this.validators(id));
    const { version = null } = precondition.where({ id });
    // The tombstone keeps the id and a new version, nothing of the user.
    const deleted = await this.pool.query(
      `UPDATE users SET deleted = true, name = '', age = 0, password_hash = '', version = version + 1, updated_at = $3
       WHERE id = $1 AND NOT deleted AND ($2::bigint IS NULL OR version = $2)`,
      [id, version, Date.now()],
    );
    if (deleted.rowCount === 0) refuse(precondition, id, await this.validators(id));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async replace(
    query: Query,
    id: number,
    input: UserInput,
    precondition: WritePrecondition<number>,
    now: number,
  ): Promise<User> {
    const { version = null } = precondition.where({ id });
    const row = await query<UserRow>(
      `UPDATE users SET name = $1, age = $2, version = version + 1, updated_at = $3
       WHERE id = $4 AND NOT deleted AND ($5::bigint IS NULL OR version = $5) RETURNING ${COLUMNS}`,
      [input.name, input.age, now, id, version],
    );
    return row === undefined ? refuse(precondition, id, await this.current(query, id)) : toUser(row);
  }

  // A new user, or a deleted one back from its tombstone, its version going on from there.
  private createRow(query: Query, id: number, input: UserInput, now: number): Promise<UserRow | undefined> {
    return query<UserRow>(
      `INSERT INTO users (id, name, age, version, updated_at) VALUES ($1, $2, $3, 1, $4)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, age = EXCLUDED.age, version = users.version + 1,
         updated_at = EXCLUDED.updated_at, deleted = false, password_hash = ''
       WHERE users.deleted RETURNING ${COLUMNS}`,
      [id, input.name, input.age, now],
    );
  }

  private current(query: Query, id: number): Promise<Validators | undefined> {
    return query<Validators>(`SELECT ${VALIDATORS} FROM users WHERE id = $1 AND NOT deleted`, [id]);
  }

  private async one<R extends pg.QueryResultRow>(
    client: pg.Pool | pg.PoolClient,
    text: string,
    values?: unknown[],
  ): Promise<R | undefined> {
    return (await client.query<R>(text, values)).rows[0];
  }

  // One transaction on one connection; rolled back when the work throws (a 412 included).
  private async write<T>(work: (query: Query, now: number) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work((text, values) => this.one(client, text, values), Date.now());
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
