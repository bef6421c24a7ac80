/** A database the sample can keep its users in. */
export type DatabaseKind = 'sqlite' | 'postgres';

/** Which database kinds run, as {@link planDatabases} reads them from an environment. */
export interface DatabasePlan {
  /** The kinds to run the database-backed suites on, `sqlite` first. */
  readonly kinds: readonly DatabaseKind[];
  /** Why PostgreSQL is left out, for a person to read; absent when it runs. */
  readonly skipped?: string;
}

export function planDatabases(env: NodeJS.ProcessEnv): DatabasePlan;

export function redactPassword(url: string): string;
