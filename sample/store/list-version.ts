/**
 * The list's validators without a row every write must update.
 *
 * Every write of a user adds exactly 1 to that user's `version` (a create
 * starts it at 1), and a delete is a write too: it keeps the row as a
 * tombstone (`deleted`), its version bumped, its data cleared, so no row is
 * ever removed and a re-created user goes on from its old version (a tag of
 * the deleted user never matches again). The list's version is then
 *
 *     SUM(version) over every row, tombstones included
 *
 * which is the number of writes ever committed (plus the rows' starting
 * versions), so it strictly grows with every committed write and can never
 * repeat. Unlike "count + newest version", it holds under concurrency: it
 * does not depend on which write took its version first, only on which
 * writes a reader's snapshot holds. A write that commits late (after one that
 * began after it) still adds its 1 when it becomes visible; `MAX(version)`
 * over versions from one sequence would miss exactly that write, as its
 * value can be smaller than one already seen. Each row's writes are ordered
 * by the row lock, and PostgreSQL's snapshots see a row's earlier writes
 * whenever they see a later one, so a snapshot that holds more writes has a
 * larger sum. `test/e2e/sample.e2e.spec.ts` checks both claims.
 *
 * The list's `Last-Modified` is `MAX(updated_at)` over the same rows: a delete
 * stamps its tombstone, so it moves on a delete too. (A date is only as good
 * as its second and its clock: the tag, which clients send first, is exact.)
 */
export const LIST_VERSION_SQL = 'COALESCE(SUM(version), 0)';
export const LIST_UPDATED_AT_SQL = 'COALESCE(MAX(updated_at), 0)';

/**
 * The first id at or after `@from` that no row holds, tombstones included,
 * for `POST /users`: ids a create-only `PUT` took are stepped over, and the
 * allocator never jumps to them (a `PUT` at the largest id does not use up
 * the ids below it). One index walk over the run of taken ids.
 */
export function firstFreeIdSql(from: string): string {
  return `SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM users WHERE id = ${from}) THEN ${from}
    ELSE (SELECT u.id + 1 FROM users u
          WHERE u.id >= ${from} AND NOT EXISTS (SELECT 1 FROM users v WHERE v.id = u.id + 1)
          ORDER BY u.id LIMIT 1) END AS id`;
}
