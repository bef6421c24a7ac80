import pg from 'pg';
import { DATABASES, freshPostgresDatabase } from './databases.js';

// planDatabases, the plan that says which databases run, is tested with the other components in component-plan.spec.ts.

describe('freshPostgresDatabase, without a server', () => {
  it('asks for DATABASE_URL', async () => {
    await expect(freshPostgresDatabase('')).rejects.toThrow(
      'freshPostgresDatabase() needs DATABASE_URL: call it only for the kinds in DATABASES',
    );
  });

  it('names the server it could not reach, without its password', async () => {
    await expect(freshPostgresDatabase('postgres://postgres:secret@127.0.0.1:1/postgres')).rejects.toThrow(
      /^could not connect to PostgreSQL at DATABASE_URL=postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/postgres: .*ECONNREFUSED/,
    );
  });
});

// Skipped, and counted as skipped, where DATABASE_URL is unset: the global setup has said why.
(DATABASES.includes('postgres') ? describe : describe.skip)('freshPostgresDatabase, on DATABASE_URL', () => {
  async function exists(name: string): Promise<boolean> {
    const server = new pg.Client(process.env.DATABASE_URL);
    await server.connect();
    try {
      const { rowCount } = await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      return rowCount === 1;
    } finally {
      await server.end();
    }
  }

  it('creates an empty database that answers SELECT 1, then drops it', async () => {
    const database = await freshPostgresDatabase();
    expect(database.name).toMatch(/^etag_test_\d+_[0-9a-f]{12}$/);
    expect(database.url).toBe(process.env.DATABASE_URL!.replace(/\/postgres$/, `/${database.name}`));

    const client = new pg.Client(database.url);
    await client.connect();
    try {
      expect((await client.query('SELECT 1 AS one, current_database() AS name')).rows).toEqual([
        { one: 1, name: database.name },
      ]);
      const tables = await client.query("SELECT 1 FROM information_schema.tables WHERE table_schema = 'public'");
      expect(tables.rowCount).toBe(0);
    } finally {
      await client.end();
    }
    expect(await exists(database.name)).toBe(true);

    await database.drop();
    expect(await exists(database.name)).toBe(false);
  });

  it('gives every call a database of its own', async () => {
    const databases = await Promise.all([freshPostgresDatabase(), freshPostgresDatabase()]);
    try {
      expect(databases[0].name).not.toBe(databases[1].name);
      expect(await Promise.all(databases.map(({ name }) => exists(name)))).toEqual([true, true]);
    } finally {
      await Promise.all(databases.map((database) => database.drop()));
    }
  });

  it('drops a database that a connection is still open to, ending that connection', async () => {
    const database = await freshPostgresDatabase();
    const leftOver = new pg.Client(database.url);
    leftOver.on('error', () => undefined); // the server ends it: expected here
    await leftOver.connect();

    await Promise.all([database.drop(), database.drop()]);
    expect(await exists(database.name)).toBe(false);
    await expect(leftOver.query('SELECT 1')).rejects.toThrow();
    await leftOver.end().catch(() => undefined);
  });
});
