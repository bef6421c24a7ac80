/**
 * The errors ORMs throw when a write found its row changed or gone, recognised by the names and codes they
 * document, so that the package imports no ORM. Pure: no Nest, no I/O.
 *
 * - `version-mismatch`: an optimistic lock failed. TypeORM's `OptimisticLockVersionMismatchError` (a
 *   `findOne({ lock: { mode: 'optimistic', version } })` that read another version) and MikroORM's
 *   `OptimisticLockError` (`em.lock(entity, LockMode.OPTIMISTIC, version)`, or a flush whose versioned
 *   `UPDATE … WHERE version = ?` changed no row).
 * - `not-found`: Prisma's `P2025`, "an operation failed because it depends on one or more records that were
 *   required but not found": an `update({ where: { id, version } })` whose row has another version, or no row
 *   at all. Which of the two it was is only known by reading the row again.
 */
export type OrmConflict = 'version-mismatch' | 'not-found';

/** Error names that mean an optimistic lock failed (TypeORM, MikroORM). */
const VERSION_MISMATCH = new Set(['OptimisticLockVersionMismatchError', 'OptimisticLockError']);

/** What kind of write conflict `error` reports, or `undefined` when it is none an ORM is known to throw. */
export function ormConflictOf(error: unknown): OrmConflict | undefined {
  if (!(error instanceof Error)) return undefined;
  if (VERSION_MISMATCH.has(error.name)) return 'version-mismatch';
  // Prisma's known request errors carry `code` and the client's version; P2025 is "record not found".
  const { code, clientVersion } = error as { code?: unknown; clientVersion?: unknown };
  if (code === 'P2025' && typeof clientVersion === 'string') return 'not-found';
  return undefined;
}
