import { ormConflictOf } from '../../lib/nest/exceptions/orm-conflict.js';

/** An error as an ORM makes it: its class name, and Prisma's code and client version. */
function ormError(name: string, fields: Record<string, unknown> = {}): Error {
  return Object.assign(new Error('from an ORM'), { name }, fields);
}

describe('ormConflictOf: the ORMs’ write-conflict errors, by name and code', () => {
  it("TypeORM's OptimisticLockVersionMismatchError and MikroORM's OptimisticLockError are version mismatches", () => {
    expect(ormConflictOf(ormError('OptimisticLockVersionMismatchError'))).toBe('version-mismatch');
    expect(ormConflictOf(ormError('OptimisticLockError'))).toBe('version-mismatch');
  });

  it("Prisma's P2025 is 'not found', to be told apart from a version mismatch by reading the row again", () => {
    const p2025 = ormError('PrismaClientKnownRequestError', { code: 'P2025', clientVersion: '7.10.1' });
    expect(ormConflictOf(p2025)).toBe('not-found');
  });

  it('anything else is none of them', () => {
    for (const other of [
      ormError('PrismaClientKnownRequestError', { code: 'P2002', clientVersion: '7.10.1' }),
      ormError('Error', { code: 'P2025' }), // a code alone, without Prisma's client version
      ormError('EntityNotFoundError'),
      new Error('OptimisticLockError'),
      { name: 'OptimisticLockError' }, // not an Error
      undefined,
      'P2025',
    ]) {
      expect(ormConflictOf(other)).toBeUndefined();
    }
  });
});
