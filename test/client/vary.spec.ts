import { sameSelection, selectingHeaders } from '../../lib/client/vary.js';

describe('Vary (RFC 9110 §12.5.5, RFC 9111 §4.1)', () => {
  const request = new Headers({ 'Accept-Language': 'en', Accept: 'application/json' });

  describe('selectingHeaders: the values the response was selected by', () => {
    it('no Vary: nothing', () => {
      expect(selectingHeaders(null, request)).toEqual({});
      expect(selectingHeaders('', request)).toEqual({});
    });

    it('names are lowercased, lists trimmed, empty elements skipped', () => {
      expect(selectingHeaders(' Accept-Language ,, ACCEPT', request)).toEqual({
        'accept-language': 'en',
        accept: 'application/json',
      });
    });

    it("a header the request did not send is ''", () => {
      expect(selectingHeaders('Origin', request)).toEqual({ origin: '' });
    });

    it('Vary: * anywhere in the list: null, never reusable', () => {
      expect(selectingHeaders('*', request)).toBeNull();
      expect(selectingHeaders('Accept, *', request)).toBeNull();
    });
  });

  describe('sameSelection: whether a request may reuse the response', () => {
    const selected = { 'accept-language': 'en', origin: '' };

    it('the same values: yes', () => {
      expect(sameSelection(selected, request)).toBe(true);
    });

    it('another value, or a header sent that was not before: no', () => {
      expect(sameSelection(selected, new Headers({ 'Accept-Language': 'fr' }))).toBe(false);
      expect(sameSelection(selected, new Headers({ 'Accept-Language': 'en', Origin: 'http://a' }))).toBe(false);
    });

    it('values compare as sent: other whitespace is a miss', () => {
      expect(sameSelection({ accept: 'a, b' }, new Headers({ Accept: 'a,b' }))).toBe(false);
    });

    it('nothing varied: always', () => {
      expect(sameSelection(undefined, new Headers())).toBe(true);
      expect(sameSelection({}, request)).toBe(true);
    });
  });
});
