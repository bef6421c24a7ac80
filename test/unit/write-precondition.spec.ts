import { parseConditions } from '../../lib/http/preconditions.js';
import { compileRoute } from '../../lib/nest/etag-route.js';
import { EtagService } from '../../lib/nest/etag.service.js';
import { mergeRouteOptions } from '../../lib/nest/route-options.js';
import { writePrecondition } from '../../lib/nest/write-precondition.js';

class VersionState {
  load() {
    return undefined;
  }
}

const etags = new EtagService({});
const route = compileRoute(
  etags,
  mergeRouteOptions(etags.options, undefined, { current: VersionState, version: 'version' }),
  { where: 'Users.update()', requireIfMatch: true, apiVersion: undefined, headers: [] },
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
});
