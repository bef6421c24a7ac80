import { codedTag, heldTag, withoutCodings } from '../../lib/nest/content-coding.js';

describe('content codings and strong tags (RFC 9110 §8.8.3)', () => {
  describe('codedTag: the tag of a coded representation', () => {
    it('appends the coding to a strong tag', () => {
      expect(codedTag('"abc"', 'gzip')).toBe('"abc.gzip"');
      expect(codedTag('"abc"', 'br')).toBe('"abc.br"');
      expect(codedTag('"abc"', 'GZIP')).toBe('"abc.gzip"');
    });

    it('appends each coding, in the order applied', () => {
      expect(codedTag('"abc"', 'deflate, br')).toBe('"abc.deflate.br"');
    });

    it('leaves a weak tag, identity and an unknown coding alone', () => {
      expect(codedTag('W/"abc"', 'gzip')).toBe('W/"abc"');
      expect(codedTag('"abc"', 'identity')).toBe('"abc"');
      expect(codedTag('"abc"', '')).toBe('"abc"');
      expect(codedTag('"abc"', 'x-custom')).toBe('"abc"');
      expect(codedTag('"abc"', 'gzip, x-custom')).toBe('"abc"');
    });
  });

  describe('withoutCodings: condition headers as the module reads them', () => {
    it('removes the codings from each listed tag, weak or strong', () => {
      expect(withoutCodings('"abc.gzip"')).toBe('"abc"');
      expect(withoutCodings('"a.br", W/"b.gzip", "c"')).toBe('"a", W/"b", "c"');
      expect(withoutCodings('"abc.deflate.br"')).toBe('"abc"');
      expect(withoutCodings(['"a.gzip"', '"b"'])).toEqual(['"a"', '"b"']);
    });

    it('leaves alone what names no coding, and what does not parse', () => {
      expect(withoutCodings('"a.b"')).toBe('"a.b"');
      expect(withoutCodings('*')).toBe('*');
      expect(withoutCodings('abc.gzip')).toBe('abc.gzip');
      expect(withoutCodings(undefined)).toBeUndefined();
    });
  });

  describe('heldTag: the tag of a 304 (§15.4.5)', () => {
    it('is the coded tag the client revalidated with', () => {
      expect(heldTag('"abc.gzip"', '"abc"')).toBe('"abc.gzip"');
      expect(heldTag(['"x"', '"abc.br"'], '"abc"')).toBe('"abc.br"');
    });

    it('is the current tag when the client holds it, or holds another coding of another tag', () => {
      expect(heldTag('"abc"', '"abc"')).toBe('"abc"');
      expect(heldTag('"abc.gzip", "abc"', '"abc"')).toBe('"abc"');
      expect(heldTag('"x.gzip", *', '"abc"')).toBe('"abc"');
      expect(heldTag(undefined, '"abc"')).toBe('"abc"');
    });

    it('is the current weak tag, whatever was sent', () => {
      expect(heldTag('W/"abc.gzip"', 'W/"abc"')).toBe('W/"abc"');
    });
  });
});
