import type { WritePrecondition } from '../../lib/index.js';
import type { UserAccount } from '../users/user-account.js';
import type { User, UserInput, Validators } from '../users/user.js';

/** What a write did: the user as stored, and whether it was created. */
export interface Written {
  readonly user: User;
  readonly created: boolean;
}

/**
 * The sample's users, on SQLite or PostgreSQL. Every write enforces its
 * {@link WritePrecondition} inside the write itself, so a condition judged
 * before the handler can never be passed by two racing writers; its filter
 * (`precondition.where({ id })`) is the WHERE, and a write that changed no
 * row answers `precondition.refusal(current)`:
 *
 * - `version`: `UPDATE … WHERE id = ? AND version = ?`; no row → 412 (404 once deleted);
 * - `exists`: `UPDATE … WHERE id = ?`; no row → 412 (404);
 * - `absent`: an insert that finds the user → 412;
 * - on the list (`POST /users`), the list's version is judged again where
 *   no other write can land before the insert.
 *
 * Every write adds 1 to the user's version, and a delete keeps a tombstone:
 * a user's version never repeats (not even after a delete and a re-create),
 * and the list's version, the sum of every row's, never repeats either
 * (list-version.ts). No row is updated by every write.
 */
export abstract class UsersStore {
  abstract list(): Promise<User[]>;
  /** The list's validators: the sum of every user's version, tombstones included, and the last write's time. */
  abstract listValidators(): Promise<Validators>;
  abstract find(id: number): Promise<User | undefined>;
  /** A user's validators, or `undefined` when there is no such user. */
  abstract validators(id: number): Promise<Validators | undefined>;
  abstract account(id: number): Promise<UserAccount | undefined>;
  /** @returns `false` when there is no such user. */
  abstract setPasswordHash(id: number, hash: string): Promise<boolean>;
  /** Creates a user under the list's precondition (`POST /users`). */
  abstract create(input: UserInput, precondition: WritePrecondition<number>): Promise<User>;
  /** Creates or replaces user `id` (`PUT`), under its precondition. */
  abstract put(id: number, input: UserInput, precondition: WritePrecondition<number>): Promise<Written>;
  /** Changes some of user `id`'s properties (`PATCH`). */
  abstract update(id: number, patch: Partial<UserInput>, precondition: WritePrecondition<number>): Promise<User>;
  abstract delete(id: number, precondition: WritePrecondition<number>): Promise<void>;
  /** Releases the connection(s). */
  abstract close(): Promise<void>;
}
