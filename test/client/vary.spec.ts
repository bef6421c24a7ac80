import { createHash } from 'node:crypto';
import { sameSelection, selectingHeaders } from '../../lib/client/vary.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('Vary (RFC 9110 §12.5.5, RFC 9111 §4.1)', () => {
  const request = new Headers({ 'Accept-Language': 'en', Accept: 'application/json' });

  describe('selectingHeaders: the values the response was selected by', () => {
    it('no Vary: nothing', () => {
      expect(selectingHeaders(null, request)).toEqual({});
      expect(selectingHeaders('', request)).toEqual({});
    });

    it('names are lowercased, lists trimmed, empty elements skipped; values kept as their SHA-256', () => {
      expect(selectingHeaders(' Accept-Language ,, ACCEPT', request)).toEqual({
        'accept-language': sha256('en'),
        accept: sha256('application/json'),
      });
    });

    it('a credential it varies on is kept as its digest, never as sent', () => {
      const selecting = selectingHeaders('Authorization', new Headers({ Authorization: 'Bearer secret' }));
      expect(selecting).toEqual({ authorization: sha256('Bearer secret') });
      expect(JSON.stringify(selecting)).not.toContain('secret');
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
    const selected = { 'accept-language': sha256('en'), origin: '' };

    it('the same values: yes', () => {
      expect(sameSelection(selected, request)).toBe(true);
    });

    it('another value, or a header sent that was not before: no', () => {
      expect(sameSelection(selected, new Headers({ 'Accept-Language': 'fr' }))).toBe(false);
      expect(sameSelection(selected, new Headers({ 'Accept-Language': 'en', Origin: 'http://a' }))).toBe(false);
    });

    it('values compare as sent: other whitespace is a miss', () => {
      expect(sameSelection({ accept: sha256('a, b') }, new Headers({ Accept: 'a,b' }))).toBe(false);
      expect(sameSelection({ accept: sha256('a, b') }, new Headers({ Accept: 'a, b' }))).toBe(true);
    });

    it('nothing varied: always', () => {
      expect(sameSelection(undefined, new Headers())).toBe(true);
      expect(sameSelection({}, request)).toBe(true);
    });
  });
});
