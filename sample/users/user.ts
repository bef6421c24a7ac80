/** A user as the API represents it. Key order is fixed: it is part of the bytes, hence of the strong tag. */
export interface User {
  readonly id: number;
  readonly name: string;
  readonly age: number;
}

/** What a client sends to create or replace a user. */
export interface UserInput {
  readonly name: string;
  readonly age: number;
}
