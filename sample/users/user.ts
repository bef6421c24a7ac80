/**
 * A user as the API represents it. Key order is fixed: it is part of the
 * bytes. `version` and `updatedAt` are the server's: a client may send them
 * back, and they are ignored (a write's expected version comes from its
 * `If-Match`, never from its body).
 */
export interface User {
  readonly id: number;
  readonly name: string;
  readonly age: number;
  /** Changes with every write of the user; never repeats, even after a delete. */
  readonly version: number;
  /** When the user was last written, as an ISO 8601 date. */
  readonly updatedAt: string;
}

/** What a client sends to create or replace a user. */
export interface UserInput {
  readonly name: string;
  readonly age: number;
}

/** The validators of a user or of the list: one small indexed read. */
export interface Validators {
  readonly version: number;
  /** Epoch milliseconds. */
  readonly updatedAt: number;
}

/** The largest id the API can address: a JSON number client reads it exactly up to here. */
export const MAX_USER_ID = Number.MAX_SAFE_INTEGER;
