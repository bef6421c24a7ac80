import type { ExecutionContext } from '@nestjs/common';

/**
 * The parts of a request a {@link CurrentState} usually needs, the same on
 * Express and Fastify.
 */
export interface EtagRequest {
  readonly method: string;
  readonly url: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body?: unknown;
  /** The request body as received, when the app is created with `rawBody: true`. */
  readonly rawBody?: Buffer;
}

/**
 * Loads the current state of a route's target resource before the handler
 * runs. Name the class in `@Etag({ current: UserState })`; it is resolved
 * through Nest's dependency injection, so it must be a provider of a module
 * the controller can see.
 *
 * The value it returns is tagged with the route's effective `@Etag` options,
 * exactly as a handler result would be: return the same shape the GET
 * handler returns, so both produce the same tag.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class UserState implements CurrentState<User> {
 *   constructor(private readonly users: UsersRepository) {}
 *   load(request: EtagRequest) {
 *     // Reject a bad id as the handler would: never a 304 or 412 for it.
 *     return this.users.find(parseUserId(request.params.id));
 *   }
 * }
 * ```
 */
export interface CurrentState<T = unknown> {
  /**
   * @param context the request's execution context: Nest's, when the
   *   module's guard loads the state after the app's guards, or, on a route
   *   with no other guard, one that reads the same (`getClass()`,
   *   `getHandler()`, `switchToHttp()`) made before Nest's pipeline.
   * @returns the current representation, or `undefined` (or `null`) when the
   *   target resource does not exist.
   */
  load(request: EtagRequest, context: ExecutionContext): T | undefined | null | Promise<T | undefined | null>;
}
