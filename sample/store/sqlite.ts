import Database from 'better-sqlite3';

export type SampleDatabase = Database.Database;

// Columns a database file made by an earlier sample lacks, added on open.
const ADDED_COLUMNS = {
  password_hash: `TEXT NOT NULL DEFAULT ''`,
  version: 'INTEGER NOT NULL DEFAULT 1',
  updated_at: 'INTEGER NOT NULL DEFAULT 0',
  deleted: 'INTEGER NOT NULL DEFAULT 0',
};

/**
 * Opens (and on first use creates and seeds) the sample's SQLite database.
 * Several app instances may share one file: WAL mode lets them read while
 * one writes, and the busy timeout makes a writer wait for the lock instead
 * of failing while another instance holds it.
 */
export function openDatabase(file: string): SampleDatabase {
  const db = new Database(file);
  db.pragma('busy_timeout = 10000');
  if (file !== ':memory:') whileBusy(() => db.pragma('journal_mode = WAL'));
  const now = Date.now();
  whileBusy(() => seed(db, now));
  return db;
}

/**
 * Runs `step` again, after a short pause, while SQLite answers SQLITE_BUSY, for up to 10 s. The busy timeout makes
 * a connection wait for a lock, except where SQLite judges that waiting could deadlock (each of two connections
 * holding a lock the other needs, as when instances open a new file together: one switching it to WAL, another
 * seeding it); then it answers SQLITE_BUSY at once. Seen about once in three thousand opens, a dozen processes
 * opening one new file at a time. The step failed whole (a transaction rolls back), so running it again is safe.
 */
function whileBusy<T>(step: () => T): T {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return step();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY') || Date.now() > deadline) throw error;
      // Opening is synchronous: a blocking pause of 10-40 ms, once per collision.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10 + Math.random() * 30);
    }
  }
}

/** Creates the tables and user 1 when they are missing, in one transaction: a new file is seeded once. */
function seed(db: SampleDatabase, now: number): void {
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS users (
      id            INTEGER PRIMARY KEY,
      name          TEXT    NOT NULL,
      age           INTEGER NOT NULL,
      password_hash TEXT    NOT NULL DEFAULT '',
      version       INTEGER NOT NULL,
      updated_at    INTEGER NOT NULL,
      deleted       INTEGER NOT NULL DEFAULT 0
    )`);
    const columns = db.prepare<[], { name: string }>('PRAGMA table_info(users)').all();
    for (const [name, type] of Object.entries(ADDED_COLUMNS)) {
      if (!columns.some((column) => column.name === name)) db.exec(`ALTER TABLE users ADD COLUMN ${name} ${type}`);
    }
    // POST's id allocator: the last id it handed out (a create-only PUT's id does not move it).
    // No row is ever removed (a delete leaves a tombstone), so no id is handed out twice.
    db.exec(`CREATE TABLE IF NOT EXISTS user_ids (
      id      INTEGER PRIMARY KEY CHECK (id = 1),
      last_id INTEGER NOT NULL
    )`);
    db.prepare(`INSERT OR IGNORE INTO users (id, name, age, version, updated_at) VALUES (1, 'Shaun', 27, 1, ?)`).run(
      now,
    );
    db.exec('INSERT OR IGNORE INTO user_ids (id, last_id) VALUES (1, 1)');
  }).immediate();
}
