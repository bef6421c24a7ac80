import Database from 'better-sqlite3';

/** The injection token of the sample's SQLite connection. */
export const DATABASE = Symbol('DATABASE');

export type SampleDatabase = Database.Database;

/**
 * Opens (and on first use creates and seeds) the sample's SQLite database.
 * Several app instances may share one file: WAL mode lets them read while
 * one writes, and the busy timeout makes a writer wait for the lock instead
 * of failing while another instance holds it.
 */
export function openDatabase(file: string): SampleDatabase {
  const db = new Database(file);
  db.pragma('busy_timeout = 10000');
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE IF NOT EXISTS users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT    NOT NULL,
    age           INTEGER NOT NULL,
    password_hash TEXT    NOT NULL DEFAULT ''
  )`);
  // A database file made by an earlier sample has no password column yet.
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(users)').all();
  if (!columns.some((column) => column.name === 'password_hash')) {
    db.exec(`ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT ''`);
  }
  db.prepare(`INSERT OR IGNORE INTO users (id, name, age) VALUES (1, 'Shaun', 27)`).run();
  return db;
}
