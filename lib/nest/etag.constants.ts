/** Metadata keys, namespaced so they never collide with an app's own. */
export const ETAG_OPTIONS_METADATA = 'nestjs-etag:options';
export const REQUIRE_IF_MATCH_METADATA = 'nestjs-etag:require-if-match';

// Injection tokens are strings, not classes or Symbol(), so that the package's
// CommonJS and ES module builds, loaded side by side in one process, name the
// same provider: a route decorated by one copy finds the other copy's module.
export const ETAG_MODULE_OPTIONS_TOKEN = 'nestjs-etag:module-options';
export const ETAG_ROUTES_TOKEN = 'nestjs-etag:routes';

/**
 * Marks and per-request records, from the global symbol registry for the
 * same reason: both builds find them.
 *
 * - `EXCHANGE`: the module's record of a request on a decorated route, set by
 *   the guard, read by the send path and the parameter decorators;
 * - `REFUSAL`: an error of the checks run before Nest's pipeline, kept for
 *   the guard to throw within it;
 * - `PARAM_KIND`: marks the factory of each of the module's parameter
 *   decorators, so bootstrap recognises them in a handler's parameters
 *   without comparing functions (each build has its own).
 */
export const EXCHANGE = Symbol.for('nestjs-etag:exchange');
export const REFUSAL = Symbol.for('nestjs-etag:refusal');
export const PARAM_KIND = Symbol.for('nestjs-etag:param-kind');

/**
 * Metadata of each decorated route's method: the method itself. Nest copies
 * a method's metadata onto the handler it registers, so as the app
 * registers its routes the module knows which handler is which route's.
 */
export const ROUTE_METHOD_METADATA = 'nestjs-etag:route-method';

/** What a handler parameter of the module hands it. */
export type ParamKind = 'if-match' | 'if-none-match' | 'precondition';
