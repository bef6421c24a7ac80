import { Controller, Get, HttpCode, Injectable, NotFoundException, Patch, Headers } from '@nestjs/common';
import { type CurrentState, Etag, EtagModule } from '../../lib/index.js';
import { startFixtureApp, useApp } from '../support/fixture-app.js';
import { PLATFORMS } from '../support/http.js';

/** Errors as the ORMs throw them, recognised by name and code: the module imports no ORM. */
const ERRORS = {
  typeorm: () =>
    Object.assign(new Error('The optimistic lock on entity Thing failed'), {
      name: 'OptimisticLockVersionMismatchError',
    }),
  mikroorm: () =>
    Object.assign(new Error('The optimistic lock on entity Thing failed'), { name: 'OptimisticLockError' }),
  prisma: () =>
    Object.assign(new Error('No record was found for an update.'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P2025',
      clientVersion: '7.10.1',
    }),
};
type Orm = keyof typeof ERRORS;

/** One thing, whose version another writer moves on (or deletes) between the guard and the handler's write. */
@Injectable()
class Thing implements CurrentState<{ version: number }> {
  state: { version: number } | undefined = { version: 1 };
  load() {
    return this.state;
  }
}

@Controller()
class ThingsController {
  constructor(private readonly thing: Thing) {}

  @Get('thing')
  @Etag({ current: Thing, version: 'version' })
  read() {
    return this.thing.state ?? new NotFoundException();
  }

  /**
   * Another write gets in after the guard (`X-Then`), and the ORM then throws its own error (`X-Orm`). Headers, not
   * a query: a version tag is the URI's, query included.
   */
  @Patch('thing')
  @HttpCode(200)
  @Etag({ current: Thing, version: 'version' })
  write(@Headers('x-orm') orm: Orm, @Headers('x-then') then: 'update' | 'delete'): never {
    this.thing.state = then === 'delete' ? undefined : { version: this.thing.state!.version + 1 };
    throw ERRORS[orm]();
  }

  /** The same error on a route the module does not guard: none of its business. */
  @Patch('undecorated')
  undecorated(@Headers('x-orm') orm: Orm): never {
    throw ERRORS[orm]();
  }
}

describe.each(PLATFORMS)('the ORMs’ own conflict errors on %s', (platform) => {
  const fixture = useApp(
    () =>
      startFixtureApp(platform, {
        imports: [EtagModule.forRoot({ isGlobal: true })],
        controllers: [ThingsController],
        providers: [Thing],
      }),
    { reset: ({ app }) => (app.get(Thing).state = { version: 1 }) },
  );

  describe.each(Object.keys(ERRORS) as Orm[])('%s', (orm) => {
    it('a conditional write the error caught is a 412 problem+json with the current tag', async () => {
      const first = (await fixture.http.get('/thing').expect(200)).headers.etag as string;
      const failed = await fixture.http
        .patch('/thing')
        .set({ 'X-Orm': orm, 'X-Then': 'update' })
        .set('If-Match', first)
        .expect(412);
      expect(failed.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(failed.body).toMatchObject({ status: 412, header: 'If-Match' });
      const now = (await fixture.http.get('/thing').expect(200)).headers.etag as string;
      expect(now).not.toBe(first);
      expect(failed.headers.etag).toBe(now);
    });

    it('a 404 when the resource is gone (RFC 9110 §13.2.1: a PATCH does not create it)', async () => {
      const first = (await fixture.http.get('/thing').expect(200)).headers.etag as string;
      await fixture.http.patch('/thing').set({ 'X-Orm': orm, 'X-Then': 'delete' }).set('If-Match', first).expect(404);
    });

    it('without conditions: a 404 for Prisma’s "not found", a 409 for a failed lock', async () => {
      await fixture.http
        .patch('/thing')
        .set({ 'X-Orm': orm, 'X-Then': 'update' })
        .expect(orm === 'prisma' ? 404 : 409);
    });

    it('on an undecorated route it stays Nest’s: a 500', async () => {
      await fixture.http.patch('/undecorated').set('X-Orm', orm).expect(500);
    });
  });
});
