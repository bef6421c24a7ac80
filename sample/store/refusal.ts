import { ConflictException, NotFoundException } from '@nestjs/common';
import type { WritePrecondition } from '../../lib/index.js';
import { MAX_USER_ID, type Validators } from '../users/user.js';

/**
 * Why a conditional write changed no row, as the client should hear it:
 * a 404 when the user is missing and the request did not depend on it
 * (no condition, or conditions judged against a missing user, RFC 9110
 * §13.2.1), else the library's 412 with the user's current tag.
 */
export function refuse(precondition: WritePrecondition, id: number, current: Validators | undefined): never {
  if (current === undefined && (precondition.kind === 'none' || precondition.kind === 'absent')) {
    throw new NotFoundException(`user ${id} does not exist`);
  }
  throw precondition.failed(current);
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
