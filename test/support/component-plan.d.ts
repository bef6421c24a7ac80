/** A database the sample can keep its users in. */
export type DatabaseKind = 'sqlite' | 'postgres';

/** Which database kinds run, as {@link planDatabases} reads them from an environment. */
export interface DatabasePlan {
  /** The kinds to run the database-backed suites on, `sqlite` first. */
  readonly kinds: readonly DatabaseKind[];
  /** Why PostgreSQL is left out, and how to get it, for a person to read; absent when it runs. */
  readonly skipped?: string;
}

/** What runs, as {@link planComponents} reads it from an environment and the machine. */
export interface ComponentPlan {
  /** The Chromium to drive, when there is one. */
  readonly chromium?: string;
  /** The nginx to run, when there is one. */
  readonly nginx?: string;
  /** The curl to run, when there is one. */
  readonly curl?: string;
  /** The database kinds, `sqlite` first. */
  readonly databases: readonly DatabaseKind[];
  /** One message per missing component: what is skipped and how to get it. Empty when nothing is. */
  readonly skipped: readonly string[];
}

export const CHROMIUM_DEFAULT: string;
export const NGINX_DEFAULT: string;
export const CURL_DEFAULT: string;

export function planComponents(env: NodeJS.ProcessEnv): ComponentPlan;

export function planDatabases(env: NodeJS.ProcessEnv): DatabasePlan;

export function redactPassword(url: string): string;
