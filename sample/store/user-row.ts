import type { User } from '../users/user.js';

/** A `users` row as both stores select it. */
export interface UserRow {
  id: number;
  name: string;
  age: number;
  version: number;
  updated_at: number;
}

/** A fresh object with the keys in User's order, whatever the driver returns. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    age: row.age,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
