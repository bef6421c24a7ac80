import type { CurrentState } from '../../lib/nest/current-state.interface.js';
import type { ResolvedEtagModuleOptions } from '../../lib/nest/etag-options.interface.js';
import { mergeRouteOptions } from '../../lib/nest/route-options.js';

const MODULE: ResolvedEtagModuleOptions = {
  weak: false,
  algorithm: 'sha1',
  expressEtag: false,
  secrets: [],
  cacheControl: 'no-cache',
};
const WEAK_MODULE: ResolvedEtagModuleOptions = { ...MODULE, weak: true };

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
      expect(mergeRouteOptions(MODULE, undefined, undefined)).toEqual({
        weak: false,
        fields: undefined,
        current: undefined,
        cacheControl: 'no-cache',
      });
      expect(mergeRouteOptions(WEAK_MODULE, {}, {})).toEqual({
        weak: true,
        fields: undefined,
        current: undefined,
        cacheControl: 'no-cache',
      });
    });
  });

  describe('weak (RFC 9110 §8.8.1)', () => {
    it('controller overrides module', () => {
      expect(mergeRouteOptions(MODULE, { weak: true }, undefined).weak).toBe(true);
      expect(mergeRouteOptions(WEAK_MODULE, { weak: false }, undefined).weak).toBe(false);
    });

    it('handler overrides controller and module', () => {
      expect(mergeRouteOptions(MODULE, { weak: true }, { weak: false }).weak).toBe(false);
      expect(mergeRouteOptions(WEAK_MODULE, { weak: false }, { weak: true }).weak).toBe(true);
      expect(mergeRouteOptions(WEAK_MODULE, undefined, { weak: false }).weak).toBe(false);
    });

    it('an explicit undefined falls through to the next level', () => {
      expect(mergeRouteOptions(MODULE, { weak: true }, { weak: undefined }).weak).toBe(true);
    });
  });

  describe('fields (imply a weak tag)', () => {
    it('controller fields make the tag weak', () => {
      expect(mergeRouteOptions(MODULE, { fields: ['name'] }, undefined)).toEqual({
        weak: true,
        fields: ['name'],
        current: undefined,
        cacheControl: 'no-cache',
      });
    });

    it('handler fields override controller fields', () => {
      expect(mergeRouteOptions(MODULE, { fields: ['name'] }, { fields: ['id', 'age'] })).toEqual({
        weak: true,
        fields: ['id', 'age'],
        current: undefined,
        cacheControl: 'no-cache',
      });
    });

    it('handler weak: false drops the controller fields (strong tag)', () => {
      expect(mergeRouteOptions(MODULE, { fields: ['name'] }, { weak: false })).toEqual({
        weak: false,
        fields: undefined,
        current: undefined,
        cacheControl: 'no-cache',
      });
      expect(mergeRouteOptions(WEAK_MODULE, { weak: true, fields: ['name'] }, { weak: false })).toEqual({
        weak: false,
        fields: undefined,
        current: undefined,
        cacheControl: 'no-cache',
      });
    });

    it('handler fields override a controller weak: false', () => {
      expect(mergeRouteOptions(MODULE, { weak: false }, { fields: ['name'] })).toEqual({
        weak: true,
        fields: ['name'],
        current: undefined,
        cacheControl: 'no-cache',
      });
    });

    it('handler weak: true keeps the controller fields', () => {
      expect(mergeRouteOptions(MODULE, { fields: ['name'] }, { weak: true })).toEqual({
        weak: true,
        fields: ['name'],
        current: undefined,
        cacheControl: 'no-cache',
      });
    });
  });

  describe('current', () => {
    it('takes the controller current when the handler has none', () => {
      expect(mergeRouteOptions(MODULE, { current: ControllerState }, { weak: true }).current).toBe(ControllerState);
    });

    it('prefers the handler current over the controller current', () => {
      expect(mergeRouteOptions(MODULE, { current: ControllerState }, { current: HandlerState }).current).toBe(
        HandlerState,
      );
    });

    it('merges current independently of weak and fields', () => {
      expect(mergeRouteOptions(MODULE, { current: ControllerState, fields: ['a'] }, { weak: false })).toEqual({
        weak: false,
        fields: undefined,
        current: ControllerState,
        cacheControl: 'no-cache',
      });
    });
  });

  describe('cacheControl', () => {
    it('takes the module policy when no level sets one', () => {
      expect(mergeRouteOptions(MODULE, { weak: true }, {}).cacheControl).toBe('no-cache');
      expect(mergeRouteOptions({ ...MODULE, cacheControl: false }, undefined, undefined).cacheControl).toBe(false);
    });

    it('controller overrides module, handler overrides both', () => {
      expect(mergeRouteOptions(MODULE, { cacheControl: 'private, no-cache' }, undefined).cacheControl).toBe(
        'private, no-cache',
      );
      expect(
        mergeRouteOptions(MODULE, { cacheControl: 'private, no-cache' }, { cacheControl: 'max-age=0, s-maxage=5' })
          .cacheControl,
      ).toBe('max-age=0, s-maxage=5');
    });

    it('false at a level turns the policy off there, and an explicit undefined falls through', () => {
      expect(mergeRouteOptions(MODULE, { cacheControl: false }, {}).cacheControl).toBe(false);
      expect(mergeRouteOptions(MODULE, { cacheControl: false }, { cacheControl: 'no-store' }).cacheControl).toBe(
        'no-store',
      );
      expect(mergeRouteOptions(MODULE, { cacheControl: 'no-store' }, { cacheControl: undefined }).cacheControl).toBe(
        'no-store',
      );
    });
  });
});
