import { ConflictException } from '@nestjs/common';
import type { WritePrecondition } from '../../lib/index.js';
import { MAX_USER_ID, type Validators } from '../users/user.js';

/**
 * Why a conditional write changed no row, as the client should hear it, by
 * the library's rules (`WritePrecondition.refusal()`): a 404 when the user
 * is gone and the request did not depend on it (RFC 9110 §13.2.1), else the
 * 412 with the user's current tag.
 */
export function refuse(precondition: WritePrecondition<number>, id: number, current: Validators | undefined): never {
  throw precondition.refusal(current, `user ${id} does not exist`);
}

/** Refuses a new id the API could not address: JSON clients read ids exactly only up to 2^53 − 1. */
export function checkNewId(id: number): number {
  if (id > MAX_USER_ID) {
    throw new ConflictException(
      `no user id is left: ids go up to ${MAX_USER_ID}, the largest a JSON client reads exactly; nothing was stored`,
    );
  }
  return id;
}
