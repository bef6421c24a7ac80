import pg from 'pg';

/**
 * Connects to PostgreSQL and, on first use, creates and seeds the sample's
 * tables. Instances starting together take an advisory lock, so one creates
 * the schema and the others find it.
 */
export async function openPostgres(url: string): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server ends (a restart, an administrator) is an
  // event, not a crash: the pool opens a new one on the next query.
  pool.on('error', (error) => console.warn(`PostgreSQL: an idle connection failed: ${error.message}`));
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(7021)');
    await client.query(`CREATE TABLE IF NOT EXISTS users (
      id            BIGINT  PRIMARY KEY,
      name          TEXT    NOT NULL,
      age           INTEGER NOT NULL,
      password_hash TEXT    NOT NULL DEFAULT '',
      version       BIGINT  NOT NULL,
      updated_at    BIGINT  NOT NULL,
      deleted       BOOLEAN NOT NULL DEFAULT false
    )`);
    // A delete keeps a tombstone (see list-version.ts); a table made by an earlier sample lacks the column.
    await client.query('ALTER TABLE users ADD COLUMN IF NOT EXISTS deleted BOOLEAN NOT NULL DEFAULT false');
    // POST's ids: a sequence, which a create-only PUT's id does not move. No row is ever removed (a delete leaves
    // a tombstone), so no id is handed out twice; the seeded user 1 is the first.
    await client.query('CREATE SEQUENCE IF NOT EXISTS user_ids START WITH 2');
    await client.query(
      `INSERT INTO users (id, name, age, version, updated_at) VALUES (1, 'Shaun', 27, 1, $1) ON CONFLICT (id) DO NOTHING`,
      [Date.now()],
    );
  } finally {
    await client.query('SELECT pg_advisory_unlock(7021)').catch(() => undefined);
    client.release();
  }
  return pool;
}
