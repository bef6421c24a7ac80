import { readFileSync } from 'node:fs';
import pg from 'pg';
import { PrismaExampleModule } from '../../examples/prisma/prisma-example.module.js';
import { describeExample } from './example-suite.js';

// What `prisma migrate deploy` would apply; run through pg, since Prisma's migration engine is a binary download.
const MIGRATION = readFileSync(
  new URL('../../examples/prisma/prisma/migrations/0_init/migration.sql', import.meta.url),
  'utf8',
);

describeExample({
  name: 'Prisma',
  module: (url) => PrismaExampleModule.forDatabase(url),
  async prepare(url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(MIGRATION);
    } finally {
      await client.end();
    }
  },
  interleaved: (url) => PrismaExampleModule.forDatabase(url),
});
