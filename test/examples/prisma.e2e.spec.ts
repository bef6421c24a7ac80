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
  more(apis) {
    it("Prisma's P2025 on a version filter is a 412 with the current tag; on a deleted document a 404", async () => {
      const [a, b] = apis();
      const created = await a!.post('/documents').send({ title: 'P2025' }).expect(201);
      const path = `/documents/${created.body.id}`;
      const first = created.headers.etag as string;
      const second = await b!.patch(path).set('If-Match', first).send({ title: 'Second' }).expect(200);
      // update({ where: { id, version: 1 } }) finds no row: P2025, answered with the tag of version 2.
      const stale = await a!.patch(path).set('If-Match', first).send({ title: 'Stale' }).expect(412);
      expect(stale.headers.etag).toBe(second.headers.etag);
      expect(stale.body).toMatchObject({ status: 412, header: 'If-Match' });
      await b!
        .delete(path)
        .set('If-Match', second.headers.etag as string)
        .expect(204);
      // P2025 again, and this time the document is gone: the 404 it also means.
      await a!
        .patch(path)
        .set('If-Match', second.headers.etag as string)
        .send({ title: 'Gone' })
        .expect(404);
    });
  },
});
