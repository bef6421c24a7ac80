import { sha256 } from './sha256.js';

/**
 * The request headers that say who is asking. A response to a request that
 * sent one is remembered for that value only: RFC 9111 §3.5 keeps a shared
 * cache from reusing a response to an `Authorization` request, and a cookie
 * or a declared identity selects a user's representation as surely.
 */
export const CREDENTIALS = ['authorization', 'cookie'];

/**
 * The partition a request's memories go in: the SHA-256 of its identity and
 * credentials, `undefined` for a request with none. A digest, so that a store
 * (`sessionStorage`, a shared Redis) never holds a credential; SHA-256, so
 * that two users' credentials never share a partition.
 */
export function partitionOf(headers: Headers, identity: string | undefined): string | undefined {
  const who = [identity, ...CREDENTIALS.map((name) => headers.get(name) ?? undefined)];
  return who.every((value) => value === undefined) ? undefined : sha256(JSON.stringify(who));
}

/**
 * The key of `url` in a store: the URL, after the partition and a space when
 * there is one. A URL never holds a space, so no URL is another's key.
 */
export function storeKey(url: string, partition: string | undefined): string {
  return partition === undefined ? url : `${partition} ${url}`;
}
