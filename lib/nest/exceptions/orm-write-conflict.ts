import { ConflictException, type HttpException, NotFoundException } from '@nestjs/common';
import { exchangeOf } from '../request/exchange.js';
import { type OrmConflict, ormConflictOf } from './orm-conflict.js';

/**
 * Matches, for `@Catch()`, the errors ORMs throw when a conditional write found its row changed or gone
 * ({@link ormConflictOf}): Nest picks a filter by `exception instanceof` each class it catches, and this class's
 * `instanceof` recognises those errors by name and code, so no ORM is imported. Never constructed.
 */
export abstract class OrmWriteConflict {
  static [Symbol.hasInstance](value: unknown): boolean {
    return ormConflictOf(value) !== undefined;
  }
}

/**
 * The answer to an ORM's conflict error on a request the module's guard handled, or `undefined` where the module
 * has nothing to say (an undecorated route; a Prisma "not found" about another record): then the error is answered
 * as it would be without the module.
 *
 * A conditional write is judged again against the state read now, as a write that changed no row is
 * (`WritePrecondition.refusal`): a 412 with the current tag, or a 404 when the resource is gone. A write sent
 * without conditions has no precondition to fail: a 404 for Prisma's "not found", a 409 for a failed lock.
 */
export async function answerOrmConflict(error: unknown, request: object): Promise<HttpException | undefined> {
  const kind: OrmConflict | undefined = ormConflictOf(error);
  const exchange = exchangeOf(request);
  if (kind === undefined || exchange === undefined) return undefined;
  const { precondition } = exchange;
  if (precondition === undefined || precondition.kind === 'none') {
    return kind === 'not-found'
      ? new NotFoundException()
      : new ConflictException('The resource changed while it was being written: read it again and retry');
  }
  const answer = precondition.refusal(await precondition.reload());
  // Conditions that still hold for the stored state: Prisma's "not found" was about some other record.
  return kind === 'not-found' && answer instanceof ConflictException ? undefined : answer;
}
