import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { createSampleApp } from './create-app.js';
import { platformFrom } from './platform.js';
import { secretFrom } from './secret.js';

// PORT (3000), HOST (127.0.0.1), PLATFORM (express | fastify), DATABASE_URL
// (a postgres:// URL: PostgreSQL), else SAMPLE_DB (a SQLite file, created and
// seeded on start, or :memory:), AVATAR_DIR (sample/avatar-files), ETAG_ALGORITHM
// (sha1) and ETAG_SECRET (none) pick where and how it runs.
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  throw new Error(`PORT must be a whole number from 0 to 65535, got ${JSON.stringify(process.env.PORT)}`);
}
const host = process.env.HOST || '127.0.0.1';
const platform = platformFrom(process.env.PLATFORM);
// Compiled to dist-sample/sample/main.js; the default database sits in sample/.
const database =
  process.env.DATABASE_URL || process.env.SAMPLE_DB || fileURLToPath(new URL('../../sample/users.db', import.meta.url));

// AVATAR_DIR, else sample/avatar-files; with an in-memory database, a temporary folder as throw-away as it.
const avatars =
  process.env.AVATAR_DIR ||
  (database === ':memory:' ? undefined : fileURLToPath(new URL('../../sample/avatar-files', import.meta.url)));

const algorithm = process.env.ETAG_ALGORITHM || undefined;
// One secret, or a comma-separated list while a rotation rolls out (the first makes the tags).
const secret = secretFrom(process.env.ETAG_SECRET);

const app = await createSampleApp({ platform, database, avatars, algorithm, secret, docs: true });
await app.listen(port, host);
// A password in DATABASE_URL stays out of the log.
const shown = database.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
console.log(`nestjs-etag sample on ${platform}: ${await app.getUrl()} (database: ${shown}; API docs at /docs)`);
