/** Metadata keys, namespaced so they never collide with an app's own. */
export const ETAG_OPTIONS_METADATA = 'nestjs-etag:options';
export const REQUIRE_IF_MATCH_METADATA = 'nestjs-etag:require-if-match';
