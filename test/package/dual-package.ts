import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './run.js';

const SCRIPT = new URL('fixtures/dual-package.mjs', import.meta.url);

/** What a client gets from the script's /users routes when the module handles them. */
const HANDLED = { status: 200, etags: 1, ifNoneMatch: 304, putWithoutIfMatch: 428, staleIfMatch: 412 };

/**
 * The dual-package hazard, in an installed app: one part of a process
 * require()s the package and gets the CommonJS build, another import()s it
 * and gets the ES module build, and the two copies meet in one Nest app
 * (see fixtures/dual-package.mjs for each case).
 */
export function describeDualPackage(app: () => string): void {
  describe('both builds in one process', () => {
    let results: Record<string, unknown> & { resolved: Record<'require' | 'import', string> };

    beforeAll(() => {
      copyFileSync(SCRIPT, join(app(), 'dual-package.mjs'));
      results = JSON.parse(run(process.execPath, ['dual-package.mjs'], app()));
    }, 60_000);

    it('require() gets the CommonJS build and import() the ES module one: two copies, with one Nest', () => {
      expect(results.oneNest).toBe(true);
      expect(results.resolved.require).toMatch(/\/node_modules\/nestjs-etag\/dist\/cjs\/index\.js$/);
      expect(results.resolved.import).toMatch(/\/node_modules\/nestjs-etag\/dist\/esm\/index\.js$/);
      expect(results.twoCopies).toBe(true);
      expect(results.sameExports).toBe(true);
    });

    it('each build on its own serves a tag, a 304, a 428 and a 412', () => {
      expect(results.requireOnly).toEqual(HANDLED);
      expect(results.importOnly).toEqual(HANDLED);
    });

    // Across the two copies: string tokens, Symbol.for brands and marks make them meet.

    it('ETAG_MODULE_OPTIONS is the same token in both builds', () => {
      expect(results.optionsToken).toBe(true);
    });

    it("instanceof (and so @Catch()) knows the other build's exceptions, each by its own class", () => {
      const sameClass = {
        conditionException: true,
        preconditionFailed: true,
        notModified: true,
        failedAsNotModified: false,
      };
      expect(results.instanceOf).toEqual({ requireInImport: sameClass, importInRequire: sameClass });
    });

    it('routes decorated by one build work with EtagModule from the other', () => {
      expect(results.routesFromRequireModuleFromImport).toEqual(HANDLED);
      expect(results.routesFromImportModuleFromRequire).toEqual(HANDLED);
    });

    it('@Etag() from one build and @RequireIfMatch() from the other on one route: handled once', () => {
      expect(results.oneRouteBothBuilds).toEqual(HANDLED);
    });

    it("EtagModule's app-wide filter renders the other build's exception, with its ETag", () => {
      expect(results.thrownByRequireFilteredByImport).toEqual({ status: 412, etag: '"v2"' });
    });

    // A class is its own injection token, and no brand changes that: a provider
    // must inject EtagService from the build that EtagModule comes from.
    it("a provider that injects the other build's EtagService class is not resolved", () => {
      expect(results.serviceFromRequireModuleFromImport).toEqual({
        error: expect.stringContaining("Nest can't resolve dependencies of the Store (?)"),
      });
    });
  });
}
