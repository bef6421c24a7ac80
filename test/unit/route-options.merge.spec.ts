import type { CurrentState } from '../../lib/nest/current-state.interface.js';
import type { EtagOptions, ResolvedEtagModuleOptions } from '../../lib/nest/options/etag-options.interface.js';
import { mergeRouteOptions } from '../../lib/nest/options/route-options.merge.js';

const MODULE: ResolvedEtagModuleOptions = {
  weak: false,
  algorithm: 'sha1',
  expressEtag: false,
  keyed: false,
  cacheControl: 'no-cache',
};
const WHERE = '@Etag() on UsersController.findOne()';
const merge = (
  module: ResolvedEtagModuleOptions,
  controller: EtagOptions | undefined,
  handler: EtagOptions | undefined,
) => mergeRouteOptions(module, controller, handler, WHERE);
const WEAK_MODULE: ResolvedEtagModuleOptions = { ...MODULE, weak: true };
/** The merged options of a route of MODULE's cache policy, without ranges. */
const merged = (weak: boolean, fields: string[] | undefined, current?: EtagOptions['current']) => ({
  weak,
  fields,
  current,
  cacheControl: 'no-cache',
  ranges: false,
});

// Two distinct classes; mergeRouteOptions only passes them along.
class ControllerState implements CurrentState {
  load() {
    return undefined;
  }
}
class HandlerState implements CurrentState {
  load() {
    return undefined;
  }
}

describe('mergeRouteOptions (handler over controller over module)', () => {
  describe('no route options', () => {
    it('uses the module defaults', () => {
      expect(merge(MODULE, undefined, undefined)).toEqual(merged(false, undefined));
      expect(merge(WEAK_MODULE, {}, {})).toEqual(merged(true, undefined));
    });
  });

  describe('weak (RFC 9110 §8.8.1)', () => {
    it('controller overrides module', () => {
      expect(merge(MODULE, { weak: true }, undefined).weak).toBe(true);
      expect(merge(WEAK_MODULE, { weak: false }, undefined).weak).toBe(false);
    });

    it('handler overrides controller and module', () => {
      expect(merge(MODULE, { weak: true }, { weak: false }).weak).toBe(false);
      expect(merge(WEAK_MODULE, { weak: false }, { weak: true }).weak).toBe(true);
      expect(merge(WEAK_MODULE, undefined, { weak: false }).weak).toBe(false);
    });

    it('an explicit undefined falls through to the next level', () => {
      expect(merge(MODULE, { weak: true }, { weak: undefined }).weak).toBe(true);
    });
  });

  describe('fields (imply a weak tag)', () => {
    it('controller fields make the tag weak', () => {
      expect(merge(MODULE, { fields: ['name'] }, undefined)).toEqual(merged(true, ['name']));
    });

    it('handler fields override controller fields', () => {
      expect(merge(MODULE, { fields: ['name'] }, { fields: ['id', 'age'] })).toEqual(merged(true, ['id', 'age']));
    });

    it('handler weak: false drops the controller fields (strong tag)', () => {
      expect(merge(MODULE, { fields: ['name'] }, { weak: false })).toEqual(merged(false, undefined));
      expect(merge(WEAK_MODULE, { weak: true, fields: ['name'] }, { weak: false })).toEqual(merged(false, undefined));
    });

    it('handler fields override a controller weak: false', () => {
      expect(merge(MODULE, { weak: false }, { fields: ['name'] })).toEqual(merged(true, ['name']));
    });

    it('handler weak: true keeps the controller fields', () => {
      expect(merge(MODULE, { fields: ['name'] }, { weak: true })).toEqual(merged(true, ['name']));
    });
  });

  describe('current', () => {
    it('takes the controller current when the handler has none', () => {
      expect(merge(MODULE, { current: ControllerState }, { weak: true }).current).toBe(ControllerState);
    });

    it('prefers the handler current over the controller current', () => {
      expect(merge(MODULE, { current: ControllerState }, { current: HandlerState }).current).toBe(HandlerState);
    });

    it('merges current independently of weak and fields', () => {
      expect(merge(MODULE, { current: ControllerState, fields: ['a'] }, { weak: false })).toEqual(
        merged(false, undefined, ControllerState),
      );
    });
  });

  describe('ranges', () => {
    it('is off unless a level turns it on; the handler’s wins', () => {
      expect(merge(MODULE, undefined, { current: HandlerState }).ranges).toBe(false);
      expect(merge(MODULE, { ranges: true }, { current: HandlerState }).ranges).toBe(true);
      expect(merge(MODULE, { ranges: true }, { ranges: false }).ranges).toBe(false);
    });
  });

  describe('contradictions, refused naming the route', () => {
    it('weak: false beside fields on one level (RFC 9110 §8.8.1)', () => {
      for (const [controller, handler] of [
        [undefined, { weak: false, fields: ['name'] }],
        [{ weak: false, fields: ['name'] }, undefined],
        [{ weak: false, fields: ['name'] }, { current: HandlerState }],
      ] as const) {
        expect(() => merge(MODULE, controller, handler)).toThrow(
          new TypeError(
            `${WHERE}: option "weak" is false but "fields" is set; a tag over some properties can only be weak ` +
              '(RFC 9110 §8.8.1): drop "weak: false", or drop "fields" for a strong tag',
          ),
        );
      }
    });

    it('version with fields, on one level or one each', () => {
      for (const [controller, handler] of [
        [undefined, { version: 'version', fields: ['name'] }],
        [{ fields: ['name'] }, { version: 'version' }],
        [{ version: 'version' }, { fields: ['name'] }],
      ] as const) {
        expect(() => merge(MODULE, controller, handler)).toThrow(/options "version" and "fields" are both set/);
      }
      // A handler's weak: false drops the controller's fields, so nothing contradicts.
      expect(merge(MODULE, { fields: ['name'] }, { version: 'version', weak: false }).fields).toBeUndefined();
    });
  });
});
