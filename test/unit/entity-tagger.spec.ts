import { createHash, createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { StreamableFile } from '@nestjs/common';
import { EntityTagger } from '../../lib/tagging/entity-tagger.js';
import { isUntagged, representationBytes } from '../../lib/tagging/representation.js';

// RFC 9110 §8.8.3: entity-tag = [ W/ ] DQUOTE *etagc DQUOTE (base64url never needs obs-text).
const ETAG = /^(W\/)?"[\x21\x23-\x7e]+"$/;

const BODY = '{"name":"Shaun","age":27}';
const base64url = (algorithm: string, data: string | Uint8Array) =>
  createHash(algorithm).update(data).digest('base64url');

describe('EntityTagger', () => {
  const sha1 = new EntityTagger('sha1');

  describe('ofBytes: tags of serialised representations (RFC 9110 §8.8.3)', () => {
    it('is the base64url sha1 of the bytes, quoted, for a strong tag', () => {
      const expected = `"${base64url('sha1', BODY)}"`;
      expect(sha1.ofBytes(BODY, false).header).toBe(expected);
      expect(expected).toHaveLength(2 + 27);
    });

    it('adds the W/ prefix for a weak tag (RFC 9110 §8.8.1)', () => {
      expect(sha1.ofBytes(BODY, true).header).toBe(`W/"${base64url('sha1', BODY)}"`);
    });

    it('gives a string and its UTF-8 Buffer the same tag', () => {
      expect(sha1.ofBytes(Buffer.from(BODY, 'utf8'), false).header).toBe(sha1.ofBytes(BODY, false).header);
      const accented = '{"name":"Zoë"}';
      expect(sha1.ofBytes(new TextEncoder().encode(accented), false).header).toBe(sha1.ofBytes(accented, false).header);
    });

    it('changes when one byte changes', () => {
      expect(sha1.ofBytes('{"name":"Shaun","age":28}', false).header).not.toBe(sha1.ofBytes(BODY, false).header);
    });

    it('tags an empty body', () => {
      expect(sha1.ofBytes('', false).header).toBe(`"${base64url('sha1', '')}"`);
    });

    it('only emits etagc characters', () => {
      const bytes = Buffer.from([0xff, 0xfe, 0xfb, 0x00, 0x3e, 0x3f]);
      for (const tag of [
        sha1.ofBytes(BODY, false).header,
        sha1.ofBytes(BODY, true).header,
        sha1.ofBytes(bytes, false).header,
      ]) {
        expect(tag).toMatch(ETAG);
      }
    });

    it('uses the configured algorithm: sha256 gives a longer tag than sha1', () => {
      const sha256 = new EntityTagger('sha256');
      expect(sha256.algorithm).toBe('sha256');
      expect(sha256.ofBytes(BODY, false).header).toBe(`"${base64url('sha256', BODY)}"`);
      expect(sha256.ofBytes(BODY, false).header).toHaveLength(2 + 43);
      expect(sha256.ofBytes(BODY, false).header.length).toBeGreaterThan(sha1.ofBytes(BODY, false).header.length);
    });

    it('is deterministic across separately constructed taggers', () => {
      expect(new EntityTagger('sha1').ofBytes(BODY, false).header).toBe(
        new EntityTagger('sha1').ofBytes(BODY, false).header,
      );
      expect(new EntityTagger('sha1').ofBytes(BODY, true).header).toBe(sha1.ofBytes(BODY, true).header);
    });
  });
});

describe('representationBytes', () => {
  it('is undefined for no representation (undefined, null)', () => {
    expect(representationBytes(undefined)).toBeUndefined();
    expect(representationBytes(null)).toBeUndefined();
  });

  it('returns a string as it is', () => {
    expect(representationBytes('plain text')).toBe('plain text');
    expect(representationBytes('')).toBe('');
  });

  it('returns a Buffer as it is (same instance)', () => {
    const buffer = Buffer.from('x');
    expect(representationBytes(buffer)).toBe(buffer);
  });

  it('gives no bytes for other typed arrays, which the platforms send differently', () => {
    expect(representationBytes(new Uint8Array([1, 2, 3]))).toBeUndefined();
    expect(isUntagged(new Uint8Array([1, 2, 3]))).toBe(true);
    expect(isUntagged(new Float64Array(1))).toBe(true);
  });

  it('serialises any other value as JSON', () => {
    expect(representationBytes({ name: 'Shaun', age: 27 })).toBe(BODY);
    expect(representationBytes([1, 'a'])).toBe('[1,"a"]');
    expect(representationBytes(5)).toBe('5');
    expect(representationBytes(0)).toBe('0');
    expect(representationBytes(false)).toBe('false');
  });

  it('is undefined for streams', () => {
    expect(representationBytes(Readable.from([]))).toBeUndefined();
    expect(representationBytes(new StreamableFile(Buffer.from('x')))).toBeUndefined();
  });
});

describe('isUntagged', () => {
  it('is true for undefined and null', () => {
    expect(isUntagged(undefined)).toBe(true);
    expect(isUntagged(null)).toBe(true);
  });

  it('is true for a Node.js Readable stream', () => {
    expect(isUntagged(Readable.from([]))).toBe(true);
  });

  it('is true for a StreamableFile', () => {
    expect(isUntagged(new StreamableFile(Buffer.from('x')))).toBe(true);
  });

  it('is true for a web ReadableStream (anything with getReader)', () => {
    expect(isUntagged({ getReader: () => undefined })).toBe(true);
  });

  it('is false for buffered values', () => {
    for (const value of ['', 'text', 0, false, { name: 'a' }, [], Buffer.from('x')]) {
      expect(isUntagged(value)).toBe(false);
    }
  });

  it('is false for an object whose pipe is not a function', () => {
    expect(isUntagged({ pipe: 'not a function' })).toBe(false);
  });
});

describe('EntityTagger with secrets (keyed tags)', () => {
  const SECRET = 'current-secret-0123';
  const EARLIER = 'earlier-secret-4567';
  const hmac = (secret: string, data: string) => createHmac('sha1', secret).update(data).digest('base64url');

  it('is the base64url HMAC of the bytes under the first secret', () => {
    const tag = new EntityTagger('sha1', [SECRET]).ofBytes(BODY, false);
    expect(tag.header).toBe(`"${hmac(SECRET, BODY)}"`);
    expect(tag.header).not.toBe(new EntityTagger('sha1').ofBytes(BODY, false).header);
  });

  it('agrees across taggers with the same secret, differs with another', () => {
    expect(new EntityTagger('sha1', [SECRET]).ofBytes(BODY, false).header).toBe(
      new EntityTagger('sha1', [SECRET]).ofBytes(BODY, false).header,
    );
    expect(new EntityTagger('sha1', [EARLIER]).ofBytes(BODY, false).header).not.toBe(
      new EntityTagger('sha1', [SECRET]).ofBytes(BODY, false).header,
    );
  });

  it('hands out the tags under earlier secrets, for a rotation, only when asked', () => {
    const tag = new EntityTagger('sha1', [SECRET, EARLIER]).ofBytes(BODY, false);
    expect(tag.opaque).toBe(hmac(SECRET, BODY));
    expect(tag.former!()).toEqual([hmac(EARLIER, BODY)]);
    expect(new EntityTagger('sha1', [SECRET]).ofBytes(BODY, false).former).toBeUndefined();
  });

  it('keys keyed representations too', () => {
    const keyed = new EntityTagger('sha1', [SECRET]);
    expect(keyed.ofBytes('1', false, ' /users/1').header).not.toBe(keyed.ofBytes('1', false, ' /users/2').header);
  });

  it('shows its secrets to neither JSON.stringify nor util.inspect', () => {
    const keyed = new EntityTagger('sha1', [SECRET, EARLIER]);
    for (const shown of [JSON.stringify(keyed), inspect(keyed, { depth: Infinity, showHidden: true })]) {
      expect(shown).not.toContain(SECRET);
      expect(shown).not.toContain(EARLIER);
    }
    expect(keyed.keyed).toBe(true);
    expect(new EntityTagger('sha1').keyed).toBe(false);
  });
});
