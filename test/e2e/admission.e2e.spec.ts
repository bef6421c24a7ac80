import {
  type ArgumentsHost,
  type CallHandler,
  type CanActivate,
  Catch,
  Controller,
  type ExceptionFilter,
  type ExecutionContext,
  ForbiddenException,
  Get,
  Header,
  HttpStatus,
  Injectable,
  type NestInterceptor,
  Put,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { type AbstractHttpAdapter, APP_GUARD, HttpAdapterHost } from '@nestjs/core';
import { type CurrentState, Etag, EtagModule, type EtagRequest, RequireIfMatch } from '../../lib/index.js';
import { EtagGuard } from '../../lib/nest/request/etag.guard.js';
import { startFixtureApp, useApp } from '../support/fixture-app.js';
import { PLATFORMS } from '../support/http.js';

/**
 * Where a guarded route's preconditions are judged (README, "After the app's
 * guards"): after every guard of the app; and on a route no other guard
 * precedes, before Nest's pipeline, which a 304 or 412 then never enters.
 */

/** What the state's loads saw, and how they end (`X-Fail`: `sync` throws, `async` rejects). */
@Injectable()
class Item implements CurrentState<{ version: number }> {
  loads = 0;
  seen: { type: string; controller: string; handler: string; url: string; args: number; response: boolean }[] = [];
  load(request: EtagRequest, context?: ExecutionContext) {
    this.loads++;
    if (context !== undefined) {
      const http = context.switchToHttp();
      this.seen.push({
        type: context.getType(),
        controller: context.getClass().name,
        handler: context.getHandler().name,
        url: (http.getRequest<{ url: string }>() === request ? request.url : 'another request') ?? '',
        args: context.getArgs().length,
        response: typeof http.getResponse() === 'object',
      });
    }
    const fail = request.headers['x-fail'];
    if (fail === 'sync') throw new Error('the store is down');
    if (fail === 'async') return Promise.reject(new Error('the store is down, later'));
    return fail === 'later' ? Promise.resolve({ version: 1 }) : { version: 1 };
  }
}

/** Counts the handler's runs, around it. */
@Injectable()
class Around implements NestInterceptor {
  runs = 0;
  intercept(_context: ExecutionContext, next: CallHandler) {
    this.runs++;
    return next.handle();
  }
}

/** The app's catch-all filter: what reaches it, and a 503 naming it. */
@Catch()
class CatchAll implements ExceptionFilter {
  caught: { message: string; type: string }[] = [];
  constructor(private readonly adapterHost: HttpAdapterHost) {}
  catch(error: Error, host: ArgumentsHost) {
    this.caught.push({ message: error.message, type: host.getType() });
    this.adapterHost.httpAdapter.reply(
      host.switchToHttp().getResponse(),
      { caught: error.message },
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }
}

@Controller('item')
class ItemController {
  handled = 0;
  constructor(private readonly item: Item) {}

  @Get()
  @Header('X-Kept', 'from @Header()')
  @UseInterceptors(Around)
  @Etag({ current: Item, version: 'version' })
  read() {
    this.handled++;
    return { id: 1, version: 1 };
  }

  @Put()
  @RequireIfMatch()
  @UseInterceptors(Around)
  @Etag({ current: Item, version: 'version' })
  write() {
    this.handled++;
    return { id: 1, version: 1 };
  }
}

describe.each(PLATFORMS)('a route no guard of the app precedes, on %s', (platform) => {
  let guardRuns = 0;
  const canActivate = EtagGuard.prototype.canActivate;
  beforeAll(() => {
    EtagGuard.prototype.canActivate = function (this: EtagGuard, context: ExecutionContext) {
      guardRuns++;
      return canActivate.call(this, context);
    };
  });
  afterAll(() => {
    EtagGuard.prototype.canActivate = canActivate;
  });

  const fixture = useApp(
    () =>
      startFixtureApp(
        platform,
        { imports: [EtagModule.forRoot()], controllers: [ItemController], providers: [Item, Around, CatchAll] },
        { configure: (app) => app.useGlobalFilters(app.get(CatchAll)) },
      ),
    {
      extra: (app) => ({
        item: app.get(Item),
        around: app.get(Around),
        filter: app.get(CatchAll),
        controller: app.get(ItemController),
      }),
      reset: (context) => {
        Object.assign(context.item, { loads: 0, seen: [] });
        context.around.runs = 0;
        context.filter.caught = [];
        context.controller.handled = 0;
        guardRuns = 0;
      },
    },
  );
  const currentTag = async () => {
    const tag = (await fixture.http.get('/item').expect(200)).headers.etag as string;
    Object.assign(fixture.item, { loads: 0, seen: [] });
    fixture.controller.handled = 0;
    fixture.around.runs = 0;
    guardRuns = 0;
    return tag;
  };

  it("a 304 loads the state once and runs none of Nest's pipeline: no guard, interceptor or handler", async () => {
    const tag = await currentTag();
    const response = await fixture.http.get('/item').set('If-None-Match', tag).expect(304);
    expect(response.headers.etag).toBe(tag);
    expect(response.headers['x-kept']).toBe('from @Header()');
    expect(fixture.item.loads).toBe(1);
    expect([guardRuns, fixture.around.runs, fixture.controller.handled]).toEqual([0, 0, 0]);
  });

  it('a 304 waits for a state that loads asynchronously', async () => {
    const tag = await currentTag();
    await fixture.http.get('/item').set({ 'If-None-Match': tag, 'X-Fail': 'later' }).expect(304);
    expect([fixture.item.loads, guardRuns, fixture.controller.handled]).toEqual([1, 0, 0]);
  });

  it('a 412 likewise, with its problem and the current tag', async () => {
    const tag = await currentTag();
    const response = await fixture.http.put('/item').set('If-Match', '"another"').send({}).expect(412);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers.etag).toBe(tag);
    expect([fixture.item.loads, guardRuns, fixture.around.runs, fixture.controller.handled]).toEqual([1, 0, 0, 0]);
  });

  it('a 200 loads the state once, then runs the pipeline and the handler once', async () => {
    const tag = await currentTag();
    await fixture.http.put('/item').set('If-Match', tag).send({}).expect(200);
    expect([fixture.item.loads, fixture.around.runs, fixture.controller.handled]).toEqual([1, 1, 1]);
  });

  it("the state's context is the request's, as the guard's would be", async () => {
    const tag = await currentTag();
    await fixture.http.get('/item').set('If-None-Match', tag).expect(304);
    expect(fixture.item.seen).toEqual([
      { type: 'http', controller: 'ItemController', handler: 'read', url: '/item', args: 3, response: true },
    ]);
  });

  it.each(['sync', 'async'])(
    "a state that fails (%s) reaches the app's filter once, from within the pipeline, loaded once",
    async (fail) => {
      const tag = await currentTag();
      const response = await fixture.http.get('/item').set({ 'If-None-Match': tag, 'X-Fail': fail }).expect(503);
      const message = fail === 'sync' ? 'the store is down' : 'the store is down, later';
      expect(response.body).toEqual({ caught: message });
      expect(fixture.filter.caught).toEqual([{ message, type: 'http' }]);
      expect([fixture.item.loads, fixture.around.runs, fixture.controller.handled]).toEqual([1, 0, 0]);
    },
  );

  it("a write without If-Match is the module's 428, with no state loaded and no handler run", async () => {
    const response = await fixture.http.put('/item').send({}).expect(428);
    expect(response.body).toMatchObject({ status: 428 });
    expect([fixture.item.loads, fixture.controller.handled]).toEqual([0, 0]);
    expect(fixture.filter.caught).toEqual([]);
  });
});

/** Lets a request through with `Authorization: yes` only; counts its runs. */
@Injectable()
class Auth implements CanActivate {
  static runs = 0;
  canActivate(context: ExecutionContext): boolean {
    Auth.runs++;
    if (context.switchToHttp().getRequest<EtagRequest>().headers.authorization === 'yes') return true;
    throw new ForbiddenException('not signed in');
  }
}

@Controller('guarded')
@UseGuards(Auth)
class ClassGuarded {
  @Get()
  @Etag({ current: Item, version: 'version' })
  read() {
    return { id: 1, version: 1 };
  }
}

@Controller('guarded')
class HandlerGuarded {
  @Get()
  @UseGuards(Auth)
  @Etag({ current: Item, version: 'version' })
  read() {
    return { id: 1, version: 1 };
  }
}

// The module's decorator applied first: its guard still runs last.
@Controller('guarded')
class HandlerGuardedAfter {
  @Get()
  @Etag({ current: Item, version: 'version' })
  @UseGuards(Auth)
  read() {
    return { id: 1, version: 1 };
  }
}

@Controller('guarded')
class Unguarded {
  @Get()
  @Etag({ current: Item, version: 'version' })
  read() {
    return { id: 1, version: 1 };
  }
}

const PLACES = {
  'a global guard (useGlobalGuards)': { controller: Unguarded, global: true, provided: false },
  'a global guard (APP_GUARD)': { controller: Unguarded, global: false, provided: true },
  "the controller's guard": { controller: ClassGuarded, global: false, provided: false },
  "the handler's guard, bound after @Etag()": { controller: HandlerGuarded, global: false, provided: false },
  "the handler's guard, bound before @Etag()": { controller: HandlerGuardedAfter, global: false, provided: false },
};

describe.each(PLATFORMS)("the app's guards run first, on %s", (platform) => {
  describe.each(Object.entries(PLACES))('%s', (_place, { controller, global, provided }) => {
    const fixture = useApp(
      () =>
        startFixtureApp(
          platform,
          {
            imports: [EtagModule.forRoot()],
            controllers: [controller],
            providers: [Item, Auth, ...(provided ? [{ provide: APP_GUARD, useClass: Auth }] : [])],
          },
          { configure: (app) => (global ? app.useGlobalGuards(new Auth()) : undefined) },
        ),
      {
        extra: (app) => ({ item: app.get(Item) }),
        reset: ({ item }) => {
          item.loads = 0;
          Auth.runs = 0;
        },
      },
    );

    it('a request they refuse loads no state and gets no 304, and no tag', async () => {
      const tag = (await fixture.http.get('/guarded').set('Authorization', 'yes').expect(200)).headers.etag as string;
      fixture.item.loads = 0;
      Auth.runs = 0;
      const refused = await fixture.http.get('/guarded').set('If-None-Match', tag).expect(403);
      expect(refused.headers.etag).toBeUndefined();
      expect([Auth.runs, fixture.item.loads]).toEqual([1, 0]);
    });

    it('a request they let through is judged after them', async () => {
      const tag = (await fixture.http.get('/guarded').set('Authorization', 'yes').expect(200)).headers.etag as string;
      fixture.item.loads = 0;
      Auth.runs = 0;
      await fixture.http.get('/guarded').set({ 'If-None-Match': tag, Authorization: 'yes' }).expect(304);
      expect([Auth.runs, fixture.item.loads]).toEqual([1, 1]);
    });
  });
});

describe.each(PLATFORMS)(
  "an adapter that reports each route's requests first (setOnRouteTriggered), on %s",
  (platform) => {
    const triggered: string[] = [];
    const fixture = useApp(
      () =>
        startFixtureApp(
          platform,
          { imports: [EtagModule.forRoot()], controllers: [Unguarded], providers: [Item] },
          {
            configure: (app) =>
              (app.getHttpAdapter() as AbstractHttpAdapter).setOnRouteTriggered((method, path) =>
                triggered.push(`${method} ${path}`),
              ),
          },
        ),
      { extra: (app) => ({ item: app.get(Item) }) },
    );

    it("sees a 304 too: the route is admitted inside Nest's pipeline, after the report", async () => {
      const tag = (await fixture.http.get('/guarded').expect(200)).headers.etag as string;
      triggered.length = 0;
      await fixture.http.get('/guarded').set('If-None-Match', tag).expect(304);
      expect(triggered).toHaveLength(1);
    });
  },
);
