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
      updated_at    BIGINT  NOT NULL
    )`);
    // One counter for every write: versions never repeat, and it is the list's version.
    // last_id: the largest id ever taken, so a deleted user's id is never handed out again.
    await client.query(`CREATE TABLE IF NOT EXISTS revision (
      id         INTEGER PRIMARY KEY CHECK (id = 1),
      value      BIGINT  NOT NULL,
      updated_at BIGINT  NOT NULL,
      last_id    BIGINT  NOT NULL DEFAULT 0
    )`);
    const now = Date.now();
    await client.query('INSERT INTO revision (id, value, updated_at) VALUES (1, 1, $1) ON CONFLICT (id) DO NOTHING', [
      now,
    ]);
    await client.query(
      `INSERT INTO users (id, name, age, version, updated_at) VALUES (1, 'Shaun', 27, 1, $1) ON CONFLICT (id) DO NOTHING`,
      [now],
    );
    await client.query('UPDATE revision SET last_id = GREATEST(last_id, (SELECT MAX(id) FROM users)) WHERE id = 1');
  } finally {
    await client.query('SELECT pg_advisory_unlock(7021)').catch(() => undefined);
    client.release();
  }
  return pool;
}
