import type pg from 'pg';
import type { WritePrecondition } from '../../lib/index.js';
import { UserAccount } from '../users/user-account.js';
import type { User, UserInput, Validators } from '../users/user.js';
import { toUser, type UserRow } from './user-row.js';
import { checkNewId, refuse } from './refusal.js';
import { UsersStore, type Written } from './users.store.js';

// BIGINT comes back as a string; every id and version here is at most 2^53 − 1.
const COLUMNS = 'id::float8 AS id, name, age, version::float8 AS version, updated_at::float8 AS updated_at';
const VALIDATORS = 'version::float8 AS "version", updated_at::float8 AS "updatedAt"';
const LIST_VALIDATORS =
  'SELECT value::float8 AS "version", updated_at::float8 AS "updatedAt" FROM revision WHERE id = 1';

type Query = <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<R | undefined>;

/**
 * Users in PostgreSQL, for several instances on several machines. Each write
 * is one transaction whose first statement bumps the revision counter (a row
 * lock every writer takes, so the list's version and the new user's id are
 * decided one write at a time), then writes the row with its condition in
 * the WHERE clause: `UPDATE … WHERE id = $1 AND version = $2`. No
 * read-then-write window is left.
 */
export class PostgresUsersStore extends UsersStore {
  constructor(private readonly pool: pg.Pool) {
    super();
  }

  async list(): Promise<User[]> {
    const { rows } = await this.pool.query<UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY id`);
    return rows.map(toUser);
  }

  async listValidators(): Promise<Validators> {
    return (await this.one<Validators>(this.pool, LIST_VALIDATORS))!;
  }

  async find(id: number): Promise<User | undefined> {
    const row = await this.one<UserRow>(this.pool, `SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return row && toUser(row);
  }

  async validators(id: number): Promise<Validators | undefined> {
    return this.one<Validators>(this.pool, `SELECT ${VALIDATORS} FROM users WHERE id = $1`, [id]);
  }

  async account(id: number): Promise<UserAccount | undefined> {
    const row = await this.one<ConstructorParameters<typeof UserAccount>[0]>(
      this.pool,
      'SELECT id::float8 AS id, name, age, password_hash AS "passwordHash" FROM users WHERE id = $1',
      [id],
    );
    return row && new UserAccount(row);
  }

  async setPasswordHash(id: number, hash: string): Promise<boolean> {
    return ((await this.pool.query('UPDATE users SET password_hash = $1 WHERE id = $2', [hash, id])).rowCount ?? 0) > 0;
  }

  async create(input: UserInput, precondition: WritePrecondition): Promise<User> {
    return this.write(async (query, now) => {
      // The list's condition and the new version in one statement.
      const bumped = await query<{ value: number; id: number }>(
        `UPDATE revision SET value = value + 1, updated_at = $1,
           last_id = GREATEST(last_id, COALESCE((SELECT MAX(id) FROM users), 0)) + 1
         WHERE id = 1 AND ($2::bigint IS NULL OR value = $2) RETURNING value::float8 AS value, last_id::float8 AS id`,
        [now, expectedVersion(precondition)],
      );
      if (bumped === undefined) throw precondition.failed(await query(LIST_VALIDATORS));
      return toUser((await this.insert(query, checkNewId(bumped.id), input, bumped.value, now))!);
    });
  }

  async put(id: number, input: UserInput, precondition: WritePrecondition): Promise<Written> {
    return this.write(async (query, now) => {
      const version = await this.bump(query, now, id);
      if (precondition.kind === 'absent' || precondition.kind === 'none') {
        const created = await this.insert(query, id, input, version, now);
        if (created !== undefined) return { user: toUser(created), created: true };
        if (precondition.kind === 'absent') refuse(precondition, id, await this.current(query, id));
      }
      return { user: await this.replace(query, id, input, precondition, version, now), created: false };
    });
  }

  async update(id: number, patch: Partial<UserInput>, precondition: WritePrecondition): Promise<User> {
    return this.write(async (query, now) => {
      const row = await query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
      if (row === undefined || precondition.kind === 'absent') {
        refuse(precondition, id, row && { version: row.version, updatedAt: row.updated_at });
      }
      const version = await this.bump(query, now, id);
      return this.replace(query, id, { ...toUser(row), ...patch }, precondition, version, now);
    });
  }

  async delete(id: number, precondition: WritePrecondition): Promise<void> {
    await this.write(async (query, now) => {
      const current = await this.current(query, id);
      if (current === undefined || precondition.kind === 'absent') refuse(precondition, id, current);
      await this.bump(query, now, id);
      const deleted = await query(
        'DELETE FROM users WHERE id = $1 AND ($2::bigint IS NULL OR version = $2) RETURNING id',
        [id, expectedVersion(precondition)],
      );
      if (deleted === undefined) refuse(precondition, id, await this.current(query, id));
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async replace(
    query: Query,
    id: number,
    input: UserInput,
    precondition: WritePrecondition,
    version: number,
    now: number,
  ): Promise<User> {
    const row = await query<UserRow>(
      `UPDATE users SET name = $1, age = $2, version = $3, updated_at = $4
       WHERE id = $5 AND ($6::bigint IS NULL OR version = $6) RETURNING ${COLUMNS}`,
      [input.name, input.age, version, now, id, expectedVersion(precondition)],
    );
    return row === undefined ? refuse(precondition, id, await this.current(query, id)) : toUser(row);
  }

  private insert(
    query: Query,
    id: number,
    input: UserInput,
    version: number,
    now: number,
  ): Promise<UserRow | undefined> {
    return query<UserRow>(
      `INSERT INTO users (id, name, age, version, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}`,
      [id, input.name, input.age, version, now],
    );
  }

  // Every write takes the next version; last_id remembers every id ever used.
  private async bump(query: Query, now: number, id: number): Promise<number> {
    const row = await query<{ value: number }>(
      `UPDATE revision SET value = value + 1, updated_at = $1, last_id = GREATEST(last_id, $2)
       WHERE id = 1 RETURNING value::float8 AS value`,
      [now, id],
    );
    return row!.value;
  }

  private current(query: Query, id: number): Promise<Validators | undefined> {
    return query<Validators>(`SELECT ${VALIDATORS} FROM users WHERE id = $1`, [id]);
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

function expectedVersion(precondition: WritePrecondition): number | null {
  return precondition.kind === 'version' ? Number(precondition.version) : null;
}
