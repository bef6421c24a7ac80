import { CLIENT_READ_HEADERS } from '../http/client-read-headers.js';
import type { ClientResponse } from './client-response.interface.js';
import { HttpError, PreconditionFailedError, PreconditionRequiredError } from './client.errors.js';
import { isRedirect } from './origin.js';
import { CONDITIONS, type ClientRequest } from './request.js';

/**
 * Error mapping: the error a response outside 2xx is thrown as.
 *
 * @param body the response body, parsed.
 * @param reread reads the target again, for a 412.
 */
export function failure(
  request: ClientRequest,
  response: Response,
  body: unknown,
  reread: () => Promise<ClientResponse<unknown>>,
): HttpError {
  const { method, target, headers } = request;
  if (response.status === 412) {
    return new PreconditionFailedError(method, target, response, body, headers.get('if-match') ?? undefined, reread);
  }
  if (response.status === 428) {
    const sentCondition = CONDITIONS.some((name) => headers.has(name));
    return new PreconditionRequiredError(method, target, response, body, sentCondition);
  }
  if (isRedirect(response)) {
    // Only a write guarded by a remembered tag is sent without following redirects (see EtagClient.send).
    const location = response.headers.get(CLIENT_READ_HEADERS.location);
    return new HttpError(
      method,
      target,
      response,
      body,
      `the server redirects this write${location === null ? '' : ` to ${location}`}, and the client does not ` +
        `follow a write it guards with If-Match: the tag was read from ${target}, and would go wherever the ` +
        'redirect points. Send the write to the URL the server names',
    );
  }
  return new HttpError(method, target, response, body);
}
