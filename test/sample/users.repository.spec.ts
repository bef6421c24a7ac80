import { NotFoundException } from '@nestjs/common';
import { EtagPreconditionFailedException, EtagService, type IfMatchCondition } from '../../lib/index.js';
import { openDatabase, type SampleDatabase } from '../../sample/database.js';
import { UsersRepository } from '../../sample/users/users.repository.js';

// The store's own checks, without the interceptor in front: what stands
// between two writers who both passed the interceptor's check.
describe('UsersRepository compare-and-swap', () => {
  let db: SampleDatabase;
  let users: UsersRepository;
  let etags: EtagService;

  beforeEach(() => {
    db = openDatabase(':memory:');
    etags = new EtagService({});
    users = new UsersRepository(db, etags);
  });
  afterEach(() => db.close());

  function ifMatch(tag: string): IfMatchCondition {
    return { kind: 'tags', tags: [{ weak: false, opaque: tag.slice(1, -1) }] };
  }

  it('replace (PUT, PATCH) writes when the tag is current, then refuses the same tag', () => {
    const read = etags.tag(users.get(1))!;
    expect(users.replace(1, ifMatch(read), (user) => ({ ...user, age: 28 }))).toEqual({
      id: 1,
      name: 'Shaun',
      age: 28,
    });
    expect(() => users.replace(1, ifMatch(read), (user) => ({ ...user, age: 99 }))).toThrow(
      EtagPreconditionFailedException,
    );
    expect(users.get(1)).toEqual({ id: 1, name: 'Shaun', age: 28 });
  });

  it("the 412 carries the stored user's tag", () => {
    const read = etags.tag(users.get(1))!;
    users.replace(1, ifMatch(read), (user) => ({ ...user, name: 'A' }));
    try {
      users.replace(1, ifMatch(read), (user) => ({ ...user, name: 'B' }));
      throw new Error('expected a 412');
    } catch (error) {
      expect((error as EtagPreconditionFailedException).etag).toBe(etags.tag(users.get(1)));
    }
  });

  it('delete refuses a stale tag and keeps the user', () => {
    const read = etags.tag(users.get(1))!;
    users.replace(1, ifMatch(read), (user) => ({ ...user, age: 30 }));
    expect(() => users.delete(1, ifMatch(read))).toThrow(EtagPreconditionFailedException);
    expect(users.find(1)).toBeDefined();
    users.delete(1, ifMatch(etags.tag(users.get(1))!));
    expect(users.find(1)).toBeUndefined();
  });

  it('a missing user is a 404 for replace and delete, whatever the condition', () => {
    expect(() => users.replace(9, { kind: 'any' }, (user) => user)).toThrow(NotFoundException);
    expect(() => users.delete(9, ifMatch('"x"'))).toThrow(NotFoundException);
  });

  it('createOnly creates once, then refuses with the existing tag', () => {
    expect(users.createOnly(5, { name: 'Eve', age: 5 })).toEqual({ id: 5, name: 'Eve', age: 5 });
    try {
      users.createOnly(5, { name: 'Mallory', age: 6 });
      throw new Error('expected a 412');
    } catch (error) {
      expect(error).toBeInstanceOf(EtagPreconditionFailedException);
      expect((error as EtagPreconditionFailedException).etag).toBe(etags.tag(users.get(5)));
    }
    expect(users.get(5)).toEqual({ id: 5, name: 'Eve', age: 5 });
  });
});
