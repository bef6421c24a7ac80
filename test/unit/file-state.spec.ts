/**
 * A file's state as a route's current state: made from a store's facts,
 * recognised by its mark (or as an fs.Stats), and tagged as a file (RFC 9110
 * §8.8.1): strong from a digest, weak from size and modification time,
 * never the strong hash of the JSON of a stat.
 */
import { statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { EtagTaggers } from '../../lib/nest/etag-taggers.provider.js';
import type { RouteEtagOptions } from '../../lib/nest/options/etag-options.interface.js';
import { compileRoute } from '../../lib/nest/routes/compiled-route.js';
import { FILE_STATE, fileState, isFileState } from '../../lib/tagging/file-state.js';

const sha1 = (text: string) => createHash('sha1').update(text).digest('base64url');
const ROW = { size: 11, mtimeMs: Date.UTC(2020, 0, 2, 3, 4, 5, 678), digest: 'abc' };
class FileSource {
  load() {
    return undefined;
  }
}
const OPTIONS: RouteEtagOptions = {
  weak: false,
  fields: undefined,
  current: FileSource,
  version: undefined,
  lastModified: undefined,
  cacheControl: 'no-cache',
  ranges: true,
};
const route = (options: Partial<RouteEtagOptions> = {}) =>
  compileRoute(
    new EtagTaggers(undefined),
    { ...OPTIONS, ...options },
    {
      where: 'Files.get()',
      requireIfMatch: false,
      guarded: false,
      apiVersion: undefined,
      headers: [],
    },
  );

describe('fileState(): the state of bytes a store keeps', () => {
  it('keeps the facts and any other property, marked, frozen', () => {
    const state = fileState({ ...ROW, version: 7 });
    expect(state).toEqual({ ...ROW, version: 7, [FILE_STATE]: true });
    expect(Object.isFrozen(state)).toBe(true);
    expect(JSON.stringify(state)).toBe(JSON.stringify({ ...ROW, version: 7 }));
  });

  it('refuses facts that are not a file’s, naming them', () => {
    expect(() => fileState({ size: -1, mtimeMs: 0 })).toThrow(
      new TypeError('fileState: size must be a whole number of bytes, got number -1'),
    );
    expect(() => fileState({ size: 1, mtimeMs: new Date(0) as unknown as number })).toThrow(
      /fileState: mtimeMs must be epoch milliseconds, got object "1970-01-01T00:00:00.000Z"/,
    );
    expect(() => fileState({ size: 1, mtimeMs: 0, digest: '' })).toThrow(
      new TypeError('fileState: digest must be a non-empty string, got ""'),
    );
  });
});

describe('isFileState(): by its mark, in either build, or an fs.Stats', () => {
  it('recognises a marked state, a copy with the global mark, and a Stats', () => {
    expect(isFileState(fileState(ROW))).toBe(true);
    expect(isFileState({ ...ROW, [Symbol.for('nestjs-etag:file-state')]: true })).toBe(true);
    expect(isFileState(statSync(fileURLToPath(import.meta.url)))).toBe(true);
  });

  it('does not take the plain facts, or anything else, for a file', () => {
    for (const value of [ROW, { size: 1, mtimeMs: 2, isFile: true }, null, 'file', [ROW]]) {
      expect(isFileState(value)).toBe(false);
    }
  });
});

describe('a route’s validators of a file state', () => {
  const target = '/files/a';

  it('a digest makes a strong tag, scoped to the target as a version tag is', () => {
    const { tag } = route().validatorsOf(fileState(ROW), target);
    expect(tag).toMatchObject({ weak: false, opaque: sha1(` ${target}\nabc`) });
    expect(route().validatorsOf(fileState(ROW), '/files/b').tag!.opaque).not.toBe(tag!.opaque);
    expect(route({ weak: true }).validatorsOf(fileState(ROW), target).tag).toMatchObject({ weak: true });
  });

  it('without a digest: weak, of size and whole milliseconds; an fs.Stats likewise, never the hash of its JSON', () => {
    expect(route().validatorsOf(fileState({ size: ROW.size, mtimeMs: ROW.mtimeMs }), target).tag).toMatchObject({
      weak: true,
      opaque: sha1(` ${target}\n11:${Math.floor(ROW.mtimeMs)}`),
    });
    const stats = statSync(fileURLToPath(import.meta.url));
    expect(route().validatorsOf(stats, target).tag).toMatchObject({
      weak: true,
      opaque: sha1(` ${target}\n${stats.size}:${Math.floor(stats.mtimeMs)}`),
    });
  });

  it('a version route takes the version, as for any state', () => {
    const versioned = route({ version: 'digest' }).validatorsOf(fileState(ROW), target).tag;
    expect(versioned).toEqual(route().validatorsOf(fileState(ROW), target).tag);
  });

  it('Last-Modified is the modification time’s second, never later than now; the state gives the length', () => {
    const validators = route().validatorsOf(fileState(ROW), target);
    expect(validators.lastModified).toBe(Math.floor(ROW.mtimeMs / 1000));
    expect(validators.file?.size).toBe(11);
    const future = route().validatorsOf(fileState({ ...ROW, mtimeMs: Date.now() + 3_600_000 }), target);
    expect(future.lastModified).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('a lastModified option reads the date from the state instead', () => {
    const dated = route({ lastModified: 'updatedAt' }).validatorsOf(
      fileState({ ...ROW, updatedAt: new Date(Date.UTC(2021, 0, 1)) }),
      target,
    );
    expect(dated.lastModified).toBe(Date.UTC(2021, 0, 1) / 1000);
  });
});
