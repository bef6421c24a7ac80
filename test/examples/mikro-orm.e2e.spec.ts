import { fileURLToPath } from 'node:url';
import { describeExample } from './example-suite.js';

describeExample({
  name: 'MikroORM',
  // @mikro-orm/nestjs 6 is CommonJS and requires Nest 12's ES modules: Node loads that (require(esm)), Jest does
  // not, so the instances run as processes, as `node dist-sample/examples/mikro-orm/main.js` runs it.
  main: fileURLToPath(new URL('../../dist-sample/examples/mikro-orm/main.js', import.meta.url)),
  more(apis) {
    it("MikroORM's OptimisticLockError (em.lock() with a stale version) is a 412 with the current tag", async () => {
      const [a, b] = apis();
      const created = await a!.post('/documents').send({ title: 'Locked' }).expect(201);
      const path = `/documents/${created.body.id}`;
      const first = created.headers.etag as string;
      const second = await b!.patch(path).set('If-Match', first).send({ title: 'Second' }).expect(200);
      for (const stale of [a!.patch(path).send({ title: 'Stale' }), b!.delete(path)]) {
        const failed = await stale.set('If-Match', first).expect(412);
        expect(failed.headers.etag).toBe(second.headers.etag);
        expect(failed.body).toMatchObject({ status: 412, header: 'If-Match' });
      }
    });
  },
});
