import { parseConditions } from '../../lib/http/preconditions.js';
import { EtagTaggers } from '../../lib/nest/etag-taggers.provider.js';
import { mergeRouteOptions } from '../../lib/nest/options/route-options.merge.js';
import { writePrecondition } from '../../lib/nest/request/write-precondition.js';
import { compileRoute } from '../../lib/nest/routes/compiled-route.js';

class VersionState {
  load() {
    return undefined;
  }
}

const taggers = new EtagTaggers({});
const where = 'Users.update()';
const route = compileRoute(
  taggers,
  mergeRouteOptions(
    taggers.options,
    undefined,
    { current: VersionState, version: 'version', lastModified: 'updatedAt' },
    where,
  ),
  { where, requireIfMatch: true, guarded: true, apiVersion: undefined, headers: [] },
);
const TARGET = '/users/1';
const tagOf = (version: number) => route.validatorsOf({ version }, TARGET).tag!.header;

describe('WritePrecondition: the condition a store enforces inside its write', () => {
  it('If-Match with the current tag: write only if the version is still the one it matched', () => {
    const conditions = parseConditions({ method: 'PATCH', ifMatch: tagOf(3) });
    const precondition = writePrecondition(
      route,
      conditions,
      { version: 3 },
      route.validatorsOf({ version: 3 }, TARGET).tag,
      TARGET,
    );
    expect(precondition).toMatchObject({ kind: 'version', version: 3, tag: tagOf(3) });
    expect(precondition.holdsFor({ version: 3 })).toBe(true);
    expect(precondition.holdsFor({ version: 4 })).toBe(false);
  });

  it("failed(current) is the 412 with the current state's tag, naming the condition sent", () => {
    const ifMatch = writePrecondition(
      route,
      parseConditions({ method: 'PATCH', ifMatch: tagOf(3) }),
      { version: 3 },
      route.validatorsOf({ version: 3 }, TARGET).tag,
      TARGET,
    );
    const failure = ifMatch.failed({ version: 4 });
    expect(failure.getStatus()).toBe(412);
    expect(failure.etag).toBe(tagOf(4));
    expect(failure.getResponse()).toMatchObject({ header: 'If-Match' });

    const createOnly = writePrecondition(
      route,
      parseConditions({ method: 'PUT', ifNoneMatch: '*' }),
      undefined,
      undefined,
      TARGET,
    );
    expect(createOnly.kind).toBe('absent');
    expect(createOnly.holdsFor({ version: 1 })).toBe(false);
    expect(createOnly.failed({ version: 1 })).toMatchObject({ etag: tagOf(1) });
    expect(createOnly.failed({ version: 1 }).getResponse()).toMatchObject({ header: 'If-None-Match' });
  });

  it('failed() gives the explanation the module gives for an If-Match of weak tags only', () => {
    const weak = writePrecondition(
      route,
      parseConditions({ method: 'PATCH', ifMatch: `W/${tagOf(3)}` }),
      { version: 3 },
      route.validatorsOf({ version: 3 }, TARGET).tag,
      TARGET,
    );
    const failure = weak.failed({ version: 3 });
    expect(failure.getStatus()).toBe(412);
    expect((failure.getResponse() as { detail: string }).detail).toMatch(/lists only weak tags/);
  });

  it('holdsFor() judges If-Unmodified-Since against the Last-Modified sent: a future date is now', () => {
    const now = Math.floor(Date.now() / 1000);
    const future = new Date((now + 3600) * 1000);
    const sinceNow = new Date(now * 1000).toUTCString();
    const precondition = writePrecondition(
      route,
      parseConditions({ method: 'PATCH', ifUnmodifiedSince: sinceNow }),
      { version: 3, updatedAt: future },
      route.validatorsOf({ version: 3, updatedAt: future }, TARGET).tag,
      TARGET,
    );
    // The guard judged the clamped date (now), so did the write: it still holds.
    expect(precondition.holdsFor({ version: 3, updatedAt: future })).toBe(true);
  });
});
