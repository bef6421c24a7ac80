/**
 * Validators of a file from its stat (RFC 9110 §8.8.1, §8.8.2, §8.8.3): a
 * weak tag from size and mtime, a strong tag from a content digest, and the
 * Last-Modified second.
 */
import { createHash, createHmac } from 'node:crypto';
import { EntityTagger } from '../../lib/tagging/entity-tagger.js';
import { digestTag, fileLastModified, weakFileTag } from '../../lib/tagging/file-validators.js';

const tagger = new EntityTagger('sha256');
const STAT = { size: 11, mtimeMs: 1403716338123.456 };
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

describe('fileLastModified: the second of the modification time (RFC 9110 §8.8.2, §5.6.7)', () => {
  it('drops the fraction of a second', () => {
    expect(fileLastModified(STAT)).toBe(1403716338);
    expect(fileLastModified({ size: 0, mtimeMs: 999 })).toBe(0);
    expect(fileLastModified({ size: 0, mtimeMs: -1 })).toBe(-1);
  });

  it('refuses a modification time that is not finite, naming it', () => {
    expect(() => fileLastModified({ size: 0, mtimeMs: NaN })).toThrow(
      new TypeError('file: mtimeMs must be epoch milliseconds, got NaN'),
    );
  });
});

describe('weakFileTag: size and mtime make a weak tag (RFC 9110 §8.8.1, §8.8.3)', () => {
  it('is W/ and the hash of the scope, the size and the whole milliseconds', () => {
    const tag = weakFileTag(tagger, STAT, '/files/a');
    expect(tag).toEqual({
      weak: true,
      opaque: sha256('/files/a\n11:1403716338123'),
      header: `W/"${sha256('/files/a\n11:1403716338123')}"`,
    });
    expect(weakFileTag(tagger, STAT).opaque).toBe(sha256('11:1403716338123'));
  });

  it('is an HMAC with the module secret', () => {
    const keyed = weakFileTag(new EntityTagger('sha256', ['s3cret']), STAT, '/f');
    expect(keyed.opaque).toBe(
      createHmac('sha256', 's3cret').update('/f').update('\n').update('11:1403716338123').digest('base64url'),
    );
  });

  it('ignores sub-millisecond differences (file systems keep them differently)', () => {
    expect(weakFileTag(tagger, { size: 11, mtimeMs: 1403716338123.999 }).header).toBe(weakFileTag(tagger, STAT).header);
  });

  it('changes with the size, the millisecond and the scope', () => {
    const base = weakFileTag(tagger, STAT, '/f').header;
    expect(weakFileTag(tagger, { ...STAT, size: 12 }, '/f').header).not.toBe(base);
    expect(weakFileTag(tagger, { ...STAT, mtimeMs: STAT.mtimeMs + 1 }, '/f').header).not.toBe(base);
    expect(weakFileTag(tagger, STAT, '/g').header).not.toBe(base);
  });

  it('ignores ctime and inode: two copies with the same size and mtime share it', () => {
    expect(weakFileTag(tagger, { ...STAT, ino: 1, ctimeMs: 1 }).header).toBe(
      weakFileTag(tagger, { ...STAT, ino: 2, ctimeMs: 2 }).header,
    );
  });

  it('refuses a size that is not bytes, naming it', () => {
    expect(() => weakFileTag(tagger, { size: -1, mtimeMs: 0 })).toThrow(
      new TypeError('file: size must be a whole number of bytes, got -1'),
    );
  });
});

describe('digestTag: a content digest makes a strong tag (RFC 9110 §8.8.1, §8.8.3)', () => {
  it('is the hash of the scope and the digest, strong', () => {
    expect(digestTag(tagger, 'abc', '/files/a')).toEqual({
      weak: false,
      opaque: sha256('/files/a\nabc'),
      header: `"${sha256('/files/a\nabc')}"`,
    });
  });

  it('differs between two resources with the same content', () => {
    expect(digestTag(tagger, 'abc', '/a').header).not.toBe(digestTag(tagger, 'abc', '/b').header);
  });

  it('refuses an empty digest', () => {
    expect(() => digestTag(tagger, '')).toThrow(
      new TypeError('file: a content digest must be a non-empty string, got ""'),
    );
  });
});
