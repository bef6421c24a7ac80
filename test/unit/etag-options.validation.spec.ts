import type { EtagModuleOptions, EtagOptions } from '../../lib/nest/options/etag-options.interface.js';
import {
  DEFAULT_MODULE_OPTIONS,
  resolveModuleOptions as resolveSettings,
} from '../../lib/nest/options/module-options.validation.js';
import { validateRouteOptions } from '../../lib/nest/options/route-options.validation.js';

/** The options as `EtagService.options` shows them (the secrets apart). */
const resolveModuleOptions = (raw: EtagModuleOptions | undefined) => resolveSettings(raw).options;

/** Calls `fn`, expects a TypeError and returns its message. */
function typeErrorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as TypeError).message;
  }
  throw new Error('expected a TypeError, nothing was thrown');
}

const asModule = (value: unknown) => value as EtagModuleOptions;
const asRoute = (value: unknown) => value as EtagOptions;

describe('resolveModuleOptions (EtagModule.forRoot)', () => {
  describe('defaults', () => {
    it("are weak false, sha1, expressEtag false, not keyed, Cache-Control 'no-cache'", () => {
      expect(DEFAULT_MODULE_OPTIONS).toEqual({
        weak: false,
        algorithm: 'sha1',
        expressEtag: false,
        keyed: false,
        cacheControl: 'no-cache',
      });
    });

    it('apply when no options are given', () => {
      expect(resolveModuleOptions(undefined)).toEqual({
        weak: false,
        algorithm: 'sha1',
        expressEtag: false,
        keyed: false,
        cacheControl: 'no-cache',
      });
      expect(resolveModuleOptions({})).toEqual(DEFAULT_MODULE_OPTIONS);
    });

    it('fill in only the options left out', () => {
      expect(resolveModuleOptions({ weak: true })).toEqual({
        weak: true,
        algorithm: 'sha1',
        expressEtag: false,
        keyed: false,
        cacheControl: 'no-cache',
      });
      expect(resolveModuleOptions({ algorithm: 'sha256', expressEtag: true })).toEqual({
        weak: false,
        algorithm: 'sha256',
        expressEtag: true,
        keyed: false,
        cacheControl: 'no-cache',
      });
    });
  });

  describe('algorithm', () => {
    it('rejects an unknown hash, naming the option and the value', () => {
      const message = typeErrorOf(() => resolveModuleOptions({ algorithm: 'md55' }));
      expect(message).toContain('"algorithm"');
      expect(message).toContain('md55');
      expect(message).toBe(
        'EtagModule: option "algorithm" must be a hash this Node.js supports (see crypto.getHashes()), ' +
          "such as 'sha1' or 'sha256', got \"md55\"",
      );
    });

    it('rejects a non-string', () => {
      const message = typeErrorOf(() => resolveModuleOptions(asModule({ algorithm: 256 })));
      expect(message).toContain('"algorithm"');
      expect(message).toContain('got number 256');
    });
  });

  describe('booleans', () => {
    it('rejects a non-boolean weak', () => {
      expect(typeErrorOf(() => resolveModuleOptions(asModule({ weak: 'yes' })))).toBe(
        'EtagModule: option "weak" must be a boolean, got "yes"',
      );
    });

    it('rejects a non-boolean expressEtag', () => {
      expect(typeErrorOf(() => resolveModuleOptions(asModule({ expressEtag: 1 })))).toBe(
        'EtagModule: option "expressEtag" must be a boolean, got number 1',
      );
    });
  });

  describe('secret (keyed tags)', () => {
    const SECRET = 'a-secret-of-16-chars';
    it('takes one secret, or a list whose first makes the tags', () => {
      expect(resolveSettings({ secret: SECRET }).secrets).toEqual([SECRET]);
      expect(resolveSettings({ secret: [SECRET, `${SECRET}-old`] }).secrets).toEqual([SECRET, `${SECRET}-old`]);
      expect(resolveModuleOptions({ secret: SECRET }).keyed).toBe(true);
      expect(resolveModuleOptions({}).keyed).toBe(false);
    });

    it('refuses a short, empty, repeated or non-string secret, and never echoes it', () => {
      for (const secret of ['short', [], [SECRET, SECRET], [SECRET, 42], 42]) {
        const message = typeErrorOf(() => resolveModuleOptions(asModule({ secret })));
        expect(message).toMatch(/^EtagModule: option "secret" must be a string of at least 16 characters/);
        if (typeof secret === 'string') expect(message).not.toContain(secret);
      }
      expect(typeErrorOf(() => resolveModuleOptions(asModule({ secret: 'short' })))).toMatch(/got string$/);
    });
  });

  describe('cacheControl (RFC 9111 §5.2)', () => {
    const expected =
      "false or a Cache-Control value (RFC 9111 §5.2) such as 'no-cache', 'private, no-cache' or " +
      "'max-age=0, s-maxage=60'";

    it('keeps a valid value as given, and false', () => {
      expect(resolveModuleOptions({ cacheControl: 'private, no-cache' }).cacheControl).toBe('private, no-cache');
      expect(resolveModuleOptions({ cacheControl: 'max-age=0, s-maxage=60' }).cacheControl).toBe(
        'max-age=0, s-maxage=60',
      );
      expect(resolveModuleOptions({ cacheControl: false }).cacheControl).toBe(false);
      expect(resolveModuleOptions({ cacheControl: undefined }).cacheControl).toBe('no-cache');
    });

    it.each([
      ['max-age=1h', '"max-age" needs a whole number of seconds, unquoted, such as max-age=60'],
      ['no cache', 'it is not a list of directives: at character 4 the grammar expects a comma'],
      ['no-cache\r\nSet-Cookie: a=1', 'it is not a list of directives: at character 9 the grammar expects a comma'],
      ['', 'it holds no directive'],
      ['max-stale=5', '"max-stale" is a request directive (RFC 9111 §5.2.1), not a response one'],
    ])('refuses %j, saying what is wrong with it', (value, problem) => {
      expect(typeErrorOf(() => resolveModuleOptions({ cacheControl: value }))).toBe(
        `EtagModule: option "cacheControl" must be ${expected} (${problem}), got ${JSON.stringify(value)}`,
      );
    });

    it.each([
      [true, 'boolean true'],
      [0, 'number 0'],
      [null, 'null'],
      [['no-cache'], 'array ["no-cache"]'],
    ])('refuses %j, which is not a string', (value, got) => {
      expect(typeErrorOf(() => resolveModuleOptions(asModule({ cacheControl: value })))).toBe(
        `EtagModule: option "cacheControl" must be ${expected}, got ${got}`,
      );
    });

    it('is checked on a route too, naming it', () => {
      expect(validateRouteOptions({ cacheControl: 'private, no-cache' }, '@Etag() on A.b()')).toEqual({
        cacheControl: 'private, no-cache',
      });
      expect(validateRouteOptions({ cacheControl: false }, '@Etag() on A.b()')).toEqual({ cacheControl: false });
      expect(typeErrorOf(() => validateRouteOptions({ cacheControl: 'public=1' }, '@Etag() on A.b()'))).toBe(
        `@Etag() on A.b(): option "cacheControl" must be ${expected} ("public" takes no argument), got "public=1"`,
      );
    });
  });

  describe('unknown keys', () => {
    it('names the unknown key and lists the known ones', () => {
      expect(typeErrorOf(() => resolveModuleOptions(asModule({ weka: true })))).toBe(
        'EtagModule: unknown option "weka"; expected one of weak, algorithm, expressEtag, secret, cacheControl',
      );
    });

    it('rejects a route option given to the module', () => {
      expect(typeErrorOf(() => resolveModuleOptions(asModule({ fields: ['a'] })))).toContain('unknown option "fields"');
    });
  });

  describe('non-object options', () => {
    it.each([
      ['null', null, 'got null'],
      ['a string', 'sha1', 'got "sha1"'],
      ['a number', 5, 'got number 5'],
      ['an array', ['sha1'], 'got array ["sha1"]'],
    ])('rejects %s', (_kind, value, got) => {
      expect(typeErrorOf(() => resolveModuleOptions(asModule(value)))).toBe(
        `EtagModule: options must be an object, ${got}`,
      );
    });
  });
});

describe('validateRouteOptions (@Etag)', () => {
  const where = '@Etag() on UsersController.findOne';

  describe('valid options', () => {
    it('returns the options unchanged', () => {
      const options = { fields: ['name', 'address.city'] };
      expect(validateRouteOptions(options, where)).toBe(options);
      expect(validateRouteOptions({ weak: true }, where)).toEqual({ weak: true });
      expect(validateRouteOptions({ weak: true, fields: ['a'] }, where)).toEqual({ weak: true, fields: ['a'] });
    });

    it('treats undefined as no options', () => {
      expect(validateRouteOptions(undefined, where)).toEqual({});
    });

    it('accepts a class as current', () => {
      class UserState {
        load() {
          return undefined;
        }
      }
      expect(validateRouteOptions({ current: UserState }, where)).toEqual({ current: UserState });
    });
  });

  describe('fields', () => {
    const FIELDS_EXPECTED = "a non-empty array of property paths such as ['name', 'address.city']";

    it.each([
      ['not an array', 'name', 'got "name"'],
      ['an empty array', [], 'got array []'],
      ['an array holding an empty string', [''], 'got array [""]'],
      ['an array holding an empty path segment', ['a..b'], 'got array ["a..b"]'],
      ['a path with a leading dot', ['.a'], 'got array [".a"]'],
      ['an array holding a non-string', ['name', 1], 'got array ["name",1]'],
    ])('rejects %s, naming "fields" and where', (_kind, fields, got) => {
      const message = typeErrorOf(() => validateRouteOptions(asRoute({ fields }), where));
      expect(message).toContain('"fields"');
      expect(message).toContain(where);
      expect(message).toBe(`${where}: option "fields" must be ${FIELDS_EXPECTED}, ${got}`);
    });
  });

  describe('weak', () => {
    it('rejects a non-boolean', () => {
      expect(typeErrorOf(() => validateRouteOptions(asRoute({ weak: 'true' }), where))).toBe(
        `${where}: option "weak" must be a boolean, got "true"`,
      );
    });
  });

  describe('ranges', () => {
    it('rejects a non-boolean', () => {
      expect(typeErrorOf(() => validateRouteOptions(asRoute({ ranges: 'bytes' }), where))).toBe(
        `${where}: option "ranges" must be a boolean, got "bytes"`,
      );
    });
  });

  describe('current', () => {
    it.each([
      ['a string', 'UserState', 'got "UserState"'],
      ['an object', { load: 1 }, 'got object {"load":1}'],
    ])('rejects %s', (_kind, current, got) => {
      expect(typeErrorOf(() => validateRouteOptions(asRoute({ current }), where))).toBe(
        `${where}: option "current" must be an injectable class implementing CurrentState, ${got}`,
      );
    });
  });

  describe('unknown keys and non-objects', () => {
    it('names an unknown key', () => {
      expect(typeErrorOf(() => validateRouteOptions(asRoute({ field: ['name'] }), where))).toBe(
        `${where}: unknown option "field"; expected one of weak, fields, current, version, lastModified, cacheControl, ranges`,
      );
    });

    it('rejects a module option given to a route', () => {
      expect(typeErrorOf(() => validateRouteOptions(asRoute({ algorithm: 'sha256' }), where))).toContain(
        'unknown option "algorithm"',
      );
    });

    it('rejects non-object options', () => {
      expect(typeErrorOf(() => validateRouteOptions(asRoute(['name']), where))).toBe(
        `${where}: options must be an object, got array ["name"]`,
      );
      expect(typeErrorOf(() => validateRouteOptions(asRoute(null), where))).toBe(
        `${where}: options must be an object, got null`,
      );
    });
  });
});
