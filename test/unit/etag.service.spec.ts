import { inspect } from 'node:util';
import { parseConditionList } from '../../lib/http/condition-list.js';
import { readListCodings } from '../../lib/http/content-coding.js';
import { EtagService, EtagPreconditionFailedException, type IfMatchCondition } from '../../lib/index.js';
import { EtagTaggers } from '../../lib/nest/etag-taggers.provider.js';
import { compileRoute } from '../../lib/nest/routes/compiled-route.js';

const SECRET = 'a-secret-of-at-least-16-chars';
const EARLIER = 'an-earlier-secret-still-accepted';

class UserState {
  load() {
    return undefined;
  }
}

const USER = { current: UserState, version: 'version' } as const;
const ifMatch = (header: string) => readListCodings(parseConditionList(header)) as IfMatchCondition;

describe('EtagService: its public API, as a route with the same options tags', () => {
  const taggers = new EtagTaggers({ secret: [SECRET, EARLIER] });
  const etags = new EtagService(taggers);
  const route = compileRoute(
    taggers,
    {
      weak: false,
      fields: undefined,
      current: UserState,
      version: 'version',
      lastModified: undefined,
      cacheControl: 'no-cache',
      ranges: false,
    },
    { where: 'Users.findOne()', requireIfMatch: false, guarded: false, apiVersion: undefined, headers: [] },
  );
  const routeTag = (version: number, target: string) => route.validatorsOf({ version }, target).tag!.header;

  describe('tag() with version: the tag a version route sends', () => {
    it('is the tag of the version at the target', () => {
      expect(etags.tag({ version: 3 }, USER, { target: '/users/1' })).toBe(routeTag(3, '/users/1'));
      expect(etags.tag({ version: 3 }, USER, { target: '/users/2' })).not.toBe(routeTag(3, '/users/1'));
    });

    it('is keyed by the API version, as a @Version() route keys it', () => {
      expect(etags.tag({ version: 3 }, USER, { target: '/users/1', apiVersion: '2' })).not.toBe(
        etags.tag({ version: 3 }, USER, { target: '/users/1' }),
      );
    });

    it('refuses version without the scope it needs, saying what to pass', () => {
      expect(() => etags.tag({ version: 3 }, USER)).toThrow(
        new TypeError(
          'EtagService: option "version" makes a tag of the version and the target URI; pass the scope, ' +
            "e.g. tag(user, { version: 'version' }, { target: '/users/1' })",
        ),
      );
    });
  });

  describe('assertIfMatch() on a version route (RFC 9110 §13.1.1)', () => {
    it('holds for the tag the route sent, and is a 412 with the current tag for an older one', () => {
      const scope = { target: '/users/1' };
      expect(() => etags.assertIfMatch(ifMatch(routeTag(3, '/users/1')), { version: 3 }, USER, scope)).not.toThrow();
      let failure: unknown;
      try {
        etags.assertIfMatch(ifMatch(routeTag(2, '/users/1')), { version: 3 }, USER, scope);
      } catch (error) {
        failure = error;
      }
      expect(failure).toBeInstanceOf(EtagPreconditionFailedException);
      expect((failure as EtagPreconditionFailedException).etag).toBe(routeTag(3, '/users/1'));
    });

    it('holds for a coded form of the tag (RFC 9110 §8.8.3)', () => {
      const coded = `${routeTag(3, '/users/1').slice(0, -1)}.gzip"`;
      expect(() => etags.assertIfMatch(ifMatch(coded), { version: 3 }, USER, { target: '/users/1' })).not.toThrow();
    });
  });

  describe('no secret reachable from it', () => {
    it('neither JSON.stringify nor util.inspect of the service or of its options shows a secret', () => {
      const shown = [
        JSON.stringify(etags),
        JSON.stringify(etags.options),
        inspect(etags, { depth: Infinity, showHidden: true, getters: true }),
        inspect(etags.options, { depth: Infinity, showHidden: true, getters: true }),
      ];
      for (const text of shown) {
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(EARLIER);
      }
      expect(etags.options).toEqual({
        weak: false,
        algorithm: 'sha1',
        expressEtag: false,
        keyed: true,
        cacheControl: 'no-cache',
      });
    });

    it('has no public member but its API', () => {
      const members = Object.getOwnPropertyNames(EtagService.prototype).filter((name) => name !== 'constructor');
      expect(members.sort()).toEqual(['assertIfMatch', 'assertIfNoneMatch', 'options', 'tag']);
      expect(Object.keys(etags)).toEqual([]);
    });
  });
});
