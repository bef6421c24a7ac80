import { Controller, Get, HttpCode, type INestApplication, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type CurrentState, Etag, EtagModule, type EtagOptions, EtagService } from '../../lib/index.js';
import { createAdapter } from '../../sample/platform.js';
import { client, headerCount, PLATFORMS, sha1Tag, WEAK_TAG } from '../support/http.js';
import { startFixture } from './fixture/fixture.app.js';

describe.each(PLATFORMS)('EtagModule on %s', (platform) => {
  const apps: INestApplication[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  async function start(...args: Parameters<typeof startFixture>): Promise<INestApplication> {
    const app = await startFixture(...args);
    apps.push(app);
    return app;
  }

  describe('keyed tags (secret) and their rotation', () => {
    const CURRENT = 'current-secret-0123';
    const EARLIER = 'earlier-secret-4567';
    const tagFrom = async (app: INestApplication, path: string) =>
      (await (await client(app)).get(path).expect(200)).headers.etag as string;

    it('instances with the same secret agree; with another secret, or none, they differ', async () => {
      const [a, b, other, plain] = await Promise.all([
        start(platform, { module: { secret: CURRENT } }),
        start(platform, { module: { secret: CURRENT } }),
        start(platform, { module: { secret: EARLIER } }),
        start(platform),
      ]);
      for (const path of ['/strong', '/weak-name', '/current']) {
        const tag = await tagFrom(a, path);
        expect(await tagFrom(b, path)).toBe(tag);
        expect(await tagFrom(other, path)).not.toBe(tag);
        expect(await tagFrom(plain, path)).not.toBe(tag);
      }
      expect(await tagFrom(plain, '/strong')).toBe(sha1Tag('{"name":"Shaun","age":27}'));
    });

    it('a tag made under a listed earlier secret still gives a 304 and passes If-Match', async () => {
      const [before, after] = await Promise.all([
        start(platform, { module: { secret: EARLIER } }),
        start(platform, { module: { secret: [CURRENT, EARLIER] } }),
      ]);
      const http = await client(after);
      for (const path of ['/strong', '/current']) {
        const old = await tagFrom(before, path);
        expect(await tagFrom(after, path)).not.toBe(old);
        await http.get(path).set('If-None-Match', old).expect(304);
      }
      const old = await tagFrom(before, '/current');
      await http.put('/current').set('If-Match', old).send({ name: 'Shaun', age: 28 }).expect(200);
      await http.put('/current').set('If-Match', old).send({ name: 'Lost', age: 0 }).expect(412);
    });

    it('a tag made under a secret no longer listed is stale', async () => {
      const [before, after] = await Promise.all([
        start(platform, { module: { secret: EARLIER } }),
        start(platform, { module: { secret: CURRENT } }),
      ]);
      const old = await tagFrom(before, '/strong');
      await (await client(after)).get('/strong').set('If-None-Match', old).expect(200);
    });
  });

  describe('options are defaults for every route', () => {
    it('weak: true makes @Etag() tags weak', async () => {
      const http = await client(await start(platform, { module: { weak: true } }));
      const response = await http.get('/strong').expect(200);
      expect(response.headers.etag).toMatch(WEAK_TAG);
    });

    it('algorithm picks the hash: sha256 gives a 43-character digest', async () => {
      const http = await client(await start(platform, { module: { algorithm: 'sha256' } }));
      const response = await http.get('/strong').expect(200);
      expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    });

    it('forRootAsync takes options from a factory', async () => {
      @Injectable()
      class Settings {
        readonly weak = true;
      }
      @Module({ providers: [Settings], exports: [Settings] })
      class SettingsModule {}

      const http = await client(
        await start(platform, {
          imports: [
            EtagModule.forRootAsync({
              isGlobal: true,
              imports: [SettingsModule],
              inject: [Settings],
              useFactory: (settings: Settings) => ({ weak: settings.weak }),
            }),
          ],
        }),
      );
      const response = await http.get('/strong').expect(200);
      expect(response.headers.etag).toMatch(WEAK_TAG);
    });
  });

  describe('a bad option stops bootstrap with a message naming it', () => {
    it('an unknown algorithm', async () => {
      await expect(startFixture(platform, { module: { algorithm: 'md55' } })).rejects.toThrow(
        /EtagModule: option "algorithm" must be a hash this Node.js supports.*got "md55"/,
      );
    });

    it('an unknown algorithm from forRootAsync', async () => {
      const imports = [EtagModule.forRootAsync({ isGlobal: true, useFactory: () => ({ algorithm: 'nope' }) })];
      await expect(startFixture(platform, { imports })).rejects.toThrow(/option "algorithm".*got "nope"/);
    });

    it('a misspelt option', async () => {
      await expect(
        startFixture(platform, { module: { waek: true } as unknown as Record<string, never> }),
      ).rejects.toThrow(/unknown option "waek"; expected one of weak, algorithm, expressEtag/);
    });
  });

  it('@Etag without EtagModule where the controller is fails bootstrap with what to import', async () => {
    @Controller()
    class LonelyController {
      @Get()
      @Etag()
      get() {
        return {};
      }
    }
    @Module({ controllers: [LonelyController] })
    class LonelyModule {}
    await expect(
      NestFactory.create(LonelyModule, createAdapter(platform), { logger: false, abortOnError: false }),
    ).rejects.toThrow(/Import EtagModule.forRoot\(\)/);
  });

  it('a current provider no module provides stops bootstrap, naming the class and the controller', async () => {
    @Injectable()
    class UnprovidedState implements CurrentState {
      load() {
        return {};
      }
    }
    @Controller()
    class StatefulController {
      @Get()
      @Etag({ current: UnprovidedState })
      get() {
        return {};
      }
    }
    @Module({ imports: [EtagModule.forRoot()], controllers: [StatefulController] })
    class StatefulModule {}
    const app = await NestFactory.create(StatefulModule, createAdapter(platform), {
      logger: false,
      abortOnError: false,
    });
    try {
      await expect(app.init()).rejects.toThrow(
        /@Etag\(\{ current: UnprovidedState \}\) on StatefulController: UnprovidedState could not be resolved .*add it to the providers/,
      );
    } finally {
      await app.close();
    }
  });

  it('two separately started instances send the same tag (deterministic, RFC 9110 §8.8.3)', async () => {
    const [a, b] = await Promise.all([start(platform), start(platform)]);
    const [ra, rb] = await Promise.all([(await client(a)).get('/strong'), (await client(b)).get('/strong')]);
    expect(ra.headers.etag).toBe(sha1Tag('{"name":"Shaun","age":27}'));
    expect(rb.headers.etag).toBe(ra.headers.etag);
  });

  it('EtagService.tag() gives the tag the interceptor sends', async () => {
    const app = await start(platform);
    const response = await (await client(app)).get('/weak-name').expect(200);
    expect(app.get(EtagService).tag({ age: 1, name: 'Shaun' }, { fields: ['name'] })).toBe(response.headers.etag);
  });
});

describe('@Etag() options are checked when the decorator is applied', () => {
  it('fields that is not an array of non-empty strings, naming the route', () => {
    expect(() => {
      class Users {
        @Etag({ fields: 'name' as unknown as string[] })
        get() {}
      }
      return Users;
    }).toThrow(/@Etag\(\) on Users.get\(\): option "fields" must be a non-empty array of property paths.*got "name"/);
  });
});

describe('@Etag() options that contradict each other stop the app as it is created, naming the route', () => {
  it('weak: false together with fields', async () => {
    @Controller('users')
    @Etag({ weak: false, fields: ['name'] })
    class Users {
      @Get()
      get() {
        return {};
      }
    }
    @Module({ imports: [EtagModule.forRoot()], controllers: [Users] })
    class UsersModule {}
    await expect(NestFactory.create(UsersModule, { logger: false, abortOnError: false })).rejects.toThrow(
      /@Etag\(\) on Users.get\(\): option "weak" is false but "fields" is set/,
    );
  });
});

@Injectable()
class FileVersion implements CurrentState {
  load() {
    return undefined;
  }
}

describe('ranges stops the app as it is created where no file can be ranged, naming the route', () => {
  const create = async (options: EtagOptions, code?: number) => {
    @Controller('files')
    class Files {
      @Get()
      @Etag(options)
      @HttpCode(code ?? 200)
      get() {
        return {};
      }
    }
    @Module({ imports: [EtagModule.forRoot()], controllers: [Files], providers: [FileVersion] })
    class FilesModule {}
    return NestFactory.create(FilesModule, { logger: false, abortOnError: false });
  };

  it('without a current source, or with fields', async () => {
    await expect(create({ ranges: true })).rejects.toThrow(
      /@Etag\(\) on Files.get\(\): option "ranges" serves byte ranges of the file a "current" source describes; add current/,
    );
    await expect(create({ ranges: true, current: FileVersion, fields: ['a'] })).rejects.toThrow(/drop "fields"/);
  });

  it('on a GET whose success is not a 200 (RFC 9110 §14.2)', async () => {
    await expect(create({ ranges: true, current: FileVersion }, 203)).rejects.toThrow(
      /option "ranges" answers a 206 where the route would answer 200, but its status is 203; drop @HttpCode\(203\)/,
    );
  });
});

describe("Express's own ETag", () => {
  it('stays on for undecorated routes with expressEtag: true, and never doubles the module tag', async () => {
    const app = await startFixture('express', { module: { expressEtag: true } });
    try {
      const http = await client(app);
      const plain = await http.get('/plain').expect(200);
      expect(plain.headers.etag).toMatch(/^W\/"/);
      const strong = await http.get('/strong').expect(200);
      expect(strong.headers.etag).toBe(sha1Tag('{"name":"Shaun","age":27}'));
      expect(headerCount(strong, 'ETag')).toBe(1);
      const missing = await http.get('/missing').expect(404);
      expect(missing.headers.etag).toMatch(/^W\/"/);
    } finally {
      await app.close();
    }
  });
});

describe("Express's JSON settings", () => {
  it('are honoured: with json spaces set, the tag is of the bytes Express sends', async () => {
    const app = await startFixture('express');
    try {
      app.getHttpAdapter().getInstance().set('json spaces', 2);
      const response = await (await client(app)).get('/strong').expect(200);
      expect(response.text).toBe('{\n  "name": "Shaun",\n  "age": 27\n}');
      expect(response.headers.etag).toBe(sha1Tag(response.text));
    } finally {
      await app.close();
    }
  });
});
