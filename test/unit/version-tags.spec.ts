import { EntityTagger } from '../../lib/tagging/entity-tagger.js';
import { compileVersion, KEPT_VERSION_TAGS } from '../../lib/tagging/state-validators.js';

/** An EntityTagger that counts the tags it hashes. */
function countingTagger(secrets?: string[]): { tagger: EntityTagger; hashes: () => number } {
  const tagger = new EntityTagger('sha1', secrets);
  let hashes = 0;
  const ofBytes = tagger.ofBytes.bind(tagger);
  tagger.ofBytes = (...args) => {
    hashes++;
    return ofBytes(...args);
  };
  return { tagger, hashes: () => hashes };
}

describe('compileVersion: version tags, kept per route', () => {
  it('hashes a (target, version) pair once, and gives the same tag as a fresh hash every time', () => {
    const { tagger, hashes } = countingTagger();
    const source = compileVersion(tagger, 'version', false);
    const first = source.tagOf({ version: 3 }, '/users/1')!;
    for (let i = 0; i < 5; i++) expect(source.tagOf({ version: 3 }, '/users/1')).toEqual(first);
    expect(hashes()).toBe(1);
    expect(first.header).toBe(new EntityTagger('sha1').ofBytes('3', false, '/users/1').header);
  });

  it('tells targets, versions and version types apart', () => {
    const source = compileVersion(new EntityTagger('sha1'), 'version', false);
    const tags = [
      source.tagOf({ version: 3 }, '/users/1'),
      source.tagOf({ version: 4 }, '/users/1'),
      source.tagOf({ version: 3 }, '/users/2'),
      source.tagOf({ version: new Date(3) }, '/users/3'),
    ].map((tag) => tag!.header);
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('keeps a bounded number: targets a client makes up cannot grow it', () => {
    const { tagger, hashes } = countingTagger();
    const source = compileVersion(tagger, 'version', false);
    for (let i = 0; i < KEPT_VERSION_TAGS * 4; i++) source.tagOf({ version: 1 }, `/users/1?${i}`);
    expect(hashes()).toBe(KEPT_VERSION_TAGS * 4);
    // Past the bound the kept tags are dropped and made again: still the same tags.
    const again = source.tagOf({ version: 1 }, '/users/1?0')!;
    expect(again.header).toBe(new EntityTagger('sha1').ofBytes('1', false, '/users/1?0').header);
  });

  it('keeps the tags of earlier secrets with the tag (a rotation)', () => {
    const source = compileVersion(new EntityTagger('sha1', ['new', 'old']), 'version', true);
    const tag = source.tagOf({ version: 7 }, '/users/1')!;
    expect(source.tagOf({ version: 7 }, '/users/1')!.former!()).toEqual([
      new EntityTagger('sha1', ['old']).ofBytes('7', true, '/users/1').opaque,
    ]);
    expect(tag.weak).toBe(true);
  });

  it('still refuses a version that is no string, number, bigint or Date, every time', () => {
    const source = compileVersion(new EntityTagger('sha1'), 'version', false);
    for (let i = 0; i < 2; i++) {
      expect(() => source.tagOf({ version: { n: 1 } }, '/users/1')).toThrow(/property "version" must be a string/);
    }
  });
});
