/** Metadata keys, namespaced so they never collide with an app's own. */
export const ETAG_OPTIONS_METADATA = 'nestjs-etag:options';
export const REQUIRE_IF_MATCH_METADATA = 'nestjs-etag:require-if-match';

// Injection tokens are strings, not classes or Symbol(), so that the package's
// CommonJS and ES module builds, loaded side by side in one process, name the
// same provider: a route decorated by one copy finds the other copy's module.
export const ETAG_MODULE_OPTIONS_TOKEN = 'nestjs-etag:module-options';
export const ETAG_ROUTES_TOKEN = 'nestjs-etag:routes';
