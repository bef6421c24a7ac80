/**
 * The databases the sample's database-backed suites run on: SQLite always, PostgreSQL when `DATABASE_URL` names a
 * server. Each suite gets a database of its own on that server, so suites and parallel Jest workers never share
 * state:
 *
 * ```ts
 * describe.each(DATABASES)('the users API on %s', (kind) => {
 *   let database: FreshDatabase | undefined;
 *   beforeAll(async () => {
 *     database = kind === 'postgres' ? await freshPostgresDatabase() : undefined;
 *   });
 *   afterAll(() => database?.drop());
 * });
 * ```
 *
 * `npm test` starts no server: without `DATABASE_URL` the PostgreSQL cases are left out and the global setup says
 * so once. `npm run test:pg` and CI run the tests through `scripts/with-postgres.sh`, which starts a throw-away server
 * and sets `DATABASE_URL`; under CI a missing `DATABASE_URL` fails the run instead, since CI never skips.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseKind, planDatabases, redactPassword } from './component-plan.js';

export { type DatabaseKind, type DatabasePlan, planDatabases } from './component-plan.js';

/** A database made for one suite, on the server `DATABASE_URL` names. */
export interface FreshDatabase {
  /** Its name on the server: `etag_test_`, the Jest worker, and random hex. */
  readonly name: string;
  /** `DATABASE_URL` with the path replaced by {@link name}: what the app under test connects to. */
  readonly url: string;
  /** Drops the database, first ending any connection still open to it; calling it again returns the same promise. */
  drop(): Promise<void>;
}

/** The database kinds to run database-backed suites on, for `describe.each`, read from this process's environment. */
export const DATABASES: readonly DatabaseKind[] = planDatabases(process.env).kinds;

/**
 * Creates a new, uniquely named, empty database on the server `DATABASE_URL` names (or `serverUrl`), as its user.
 * Drop it in `afterAll`.
 */
export async function freshPostgresDatabase(serverUrl = process.env.DATABASE_URL): Promise<FreshDatabase> {
  if (!serverUrl) {
    throw new Error('freshPostgresDatabase() needs DATABASE_URL: call it only for the kinds in DATABASES');
  }
  const name = `etag_test_${process.env.JEST_WORKER_ID ?? 0}_${randomBytes(6).toString('hex')}`;
  // template0, which no one connects to: copying template1 fails while anyone else is connected to it.
  await onServer(serverUrl, (client) =>
    client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8'`),
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    name,
    url: url.href,
    drop: () =>
      (dropped ??= onServer(serverUrl, async (client) => {
        // FORCE (PostgreSQL 13 and later) terminates the connections a suite left open, then drops.
        await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      })),
  };
}

/** Runs `work` on a connection to the server's database in `serverUrl`, then closes it. */
async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(`could not connect to PostgreSQL at DATABASE_URL=${redactPassword(serverUrl)}: ${String(error)}`, {
      cause: error,
    });
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
