import { NotFoundException } from '@nestjs/common';
import { parseConditions } from '../../lib/http/preconditions.js';
import { EtagTaggers } from '../../lib/nest/etag-taggers.provider.js';
import { EtagPreconditionFailedException } from '../../lib/nest/exceptions/etag.exceptions.js';
import { mergeRouteOptions } from '../../lib/nest/options/route-options.merge.js';
import { writeFilter } from '../../lib/nest/request/write-filter.js';
import { writePrecondition, WritePrecondition } from '../../lib/nest/request/write-precondition.js';
import { compileRoute } from '../../lib/nest/routes/compiled-route.js';

class State {
  load() {
    return undefined;
  }
}

const taggers = new EtagTaggers({});
const TARGET = '/documents/1';
function route(version?: string) {
  const where = 'Documents.update()';
  return compileRoute(taggers, mergeRouteOptions(taggers.options, undefined, { current: State, version }, where), {
    where: 'Documents.update()',
    requireIfMatch: false,
    guarded: true,
    apiVersion: undefined,
    headers: [],
  });
}
const versioned = route('version');
const tagOf = (version: number) => versioned.validatorsOf({ version }, TARGET).tag!.header;

/** The precondition the guard hands a write with these headers, judged against `state`. */
function precondition(method: string, headers: Parameters<typeof parseConditions>[0], state?: { version: number }) {
  const current = state && versioned.validatorsOf(state, TARGET).tag;
  return writePrecondition(
    versioned,
    parseConditions({ ...headers, method }),
    state,
    current,
    TARGET,
  ) as WritePrecondition<number>;
}

describe('WritePrecondition.where(): the WHERE of the write, for every kind', () => {
  it("version: the key and the version the tag named, under the route's version property", () => {
    const ifMatch = precondition('PATCH', { method: 'PATCH', ifMatch: tagOf(3) }, { version: 3 });
    expect(ifMatch.kind).toBe('version');
    expect(ifMatch.where({ id: 1 })).toEqual({ id: 1, version: 3 });
    expect(ifMatch.where({ id: 1, deletedAt: null })).toEqual({ id: 1, deletedAt: null, version: 3 });
  });

  it('exists (If-Match: *), none (no condition) and absent (If-None-Match: *): the key alone', () => {
    expect(precondition('PATCH', { method: 'PATCH', ifMatch: '*' }, { version: 3 }).where({ id: 1 })).toEqual({
      id: 1,
    });
    expect(WritePrecondition.NONE.where({ id: 1 })).toEqual({ id: 1 });
    const absent = precondition('PUT', { method: 'PUT', ifNoneMatch: '*' });
    expect(absent.kind).toBe('absent');
    expect(absent.where({ id: 1 })).toEqual({ id: 1 });
  });

  it('never changes the key it is given', () => {
    const key = { id: 1 };
    precondition('PATCH', { method: 'PATCH', ifMatch: tagOf(3) }, { version: 3 }).where(key);
    expect(key).toEqual({ id: 1 });
  });

  it('puts a dotted version path into nested objects, keeping what the key had there', () => {
    expect(writeFilter({ id: 1, meta: { owner: 'a' } }, 'meta.version', 4)).toEqual({
      id: 1,
      meta: { owner: 'a', version: 4 },
    });
  });

  it('is a TypeError on a route whose tag is of content: no column to compare', () => {
    const content = route(undefined);
    const tag = content.validatorsOf({ title: 'x' }, TARGET).tag;
    const ifMatch = writePrecondition(
      content,
      parseConditions({ method: 'PATCH', ifMatch: tag!.header }),
      { title: 'x' },
      tag,
      TARGET,
    );
    expect(() => ifMatch.where({ id: 1 })).toThrow(/holdsFor\(\)/);
  });
});

describe('WritePrecondition.refusal(): no row changed, answered by the rules of RFC 9110 §13.2.1', () => {
  it('a version that moved on: the 412 with the current tag', () => {
    const refusal = precondition('PATCH', { method: 'PATCH', ifMatch: tagOf(3) }, { version: 3 }).refusal({
      version: 4,
    });
    expect(refusal).toBeInstanceOf(EtagPreconditionFailedException);
    expect((refusal as EtagPreconditionFailedException).etag).toBe(tagOf(4));
  });

  it('a resource gone under a PATCH or DELETE: a 404 (conditions on a missing resource are ignored)', () => {
    for (const method of ['PATCH', 'DELETE']) {
      for (const headers of [{ ifMatch: tagOf(3) }, { ifMatch: '*' }]) {
        const refusal = precondition(method, { method, ...headers }, { version: 3 }).refusal(
          null,
          'document 1 does not exist',
        );
        expect(refusal).toBeInstanceOf(NotFoundException);
        expect(refusal.getResponse()).toMatchObject({ message: 'document 1 does not exist' });
      }
    }
    expect(WritePrecondition.NONE.refusal(undefined).getStatus()).toBe(404);
  });

  it('a resource gone under a PUT, which could create it: If-Match is false, a 412', () => {
    const refusal = precondition('PUT', { method: 'PUT', ifMatch: tagOf(3) }, { version: 3 }).refusal(undefined);
    expect(refusal.getStatus()).toBe(412);
  });

  it('a create-only write that finds the resource: the 412 of If-None-Match, with its tag', () => {
    const refusal = precondition('PUT', { method: 'PUT', ifNoneMatch: '*' }).refusal({ version: 1 });
    expect(refusal.getStatus()).toBe(412);
    expect(refusal.getResponse()).toMatchObject({ header: 'If-None-Match' });
    expect((refusal as EtagPreconditionFailedException).etag).toBe(tagOf(1));
  });

  it('conditions that still hold for a resource that was not written: it changed in between, a 409', () => {
    expect(
      precondition('PATCH', { method: 'PATCH', ifMatch: '*' }, { version: 3 }).refusal({ version: 5 }).getStatus(),
    ).toBe(409);
  });
});
