/**
 * What a decorated route says about itself in an OpenAPI document, and how
 * it says it to `@nestjs/swagger`, without importing it.
 *
 * The module writes the metadata `@ApiHeader()` and `@ApiResponse()` write
 * (`DECORATORS.API_PARAMETERS` and `DECORATORS.API_RESPONSE` of
 * `@nestjs/swagger`: the keys and shapes have been the same from version 4
 * to 12). That is the robust way, rather than loading `@nestjs/swagger`
 * and calling its decorators: nothing is resolved, so nothing can fail to
 * load or load twice (an app without it, the package's CommonJS and ES
 * module builds side by side, an ES module-only swagger required from the
 * CommonJS build); it is synchronous, so it is done as the app is created,
 * before the app builds its document; and an app without `@nestjs/swagger`
 * carries a few inert metadata entries and nothing else. The e2e test
 * builds a document with the real `@nestjs/swagger`, so a change of shape
 * fails there.
 */
import { HttpStatus, RequestMethod } from '@nestjs/common';
import {
  EtagMalformedConditionException,
  EtagPreconditionFailedException,
  EtagPreconditionRequiredException,
} from './etag.exceptions.js';

/** `@nestjs/swagger`'s metadata keys (`DECORATORS` in its `constants`). */
export const SWAGGER_PARAMETERS = 'swagger/apiParameters';
export const SWAGGER_RESPONSES = 'swagger/apiResponse';
export const SWAGGER_CLASS_HEADERS = 'swagger/apiHeaders';
/** Marks a handler documented, so an app created twice (or two builds) documents it once. */
const DOCUMENTED = Symbol.for('nestjs-etag:openapi');

/** What the documentation of one route depends on, read once every decorator has run. */
export interface RouteFacts {
  readonly method: RequestMethod | undefined;
  /** The status of a success, as Nest sends it: `@HttpCode()`, else 201 for POST and 200 for the rest. */
  readonly successStatus: number;
  readonly weak: boolean;
  readonly lastModified: boolean;
  readonly requireIfMatch: boolean;
  /** The module or the handler judges a write's conditions: a `current` source, `@IfMatch()`, `@Precondition()`. */
  readonly judgesWrites: boolean;
}

/** An OpenAPI header parameter, as `@ApiHeader()` stores it. */
export interface HeaderParameter {
  readonly name: string;
  readonly in: 'header';
  readonly required: boolean;
  readonly description: string;
  readonly schema: { readonly type: 'string'; readonly example?: string };
}

/** An OpenAPI header object of a response. */
export interface ResponseHeader {
  readonly description: string;
  readonly schema: object;
}

/** An OpenAPI response object, as `@ApiResponse()` stores it (by status). */
export interface ResponseEntry {
  readonly description: string;
  readonly headers?: Readonly<Record<string, ResponseHeader>>;
  readonly content?: Readonly<Record<string, { readonly schema: object; readonly example?: unknown }>>;
}

export interface RouteDocumentation {
  readonly parameters: readonly HeaderParameter[];
  readonly responses: Readonly<Record<string, ResponseEntry>>;
}

/** RFC 9457 problem details, as the module's filter writes them. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'Problem details (RFC 9457)',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri-reference', example: 'about:blank' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'What went wrong and what to send instead' },
    header: {
      type: 'string',
      enum: ['If-Match', 'If-None-Match', 'If-Unmodified-Since'],
      description: 'The condition header at fault',
    },
  },
} as const;

const EXAMPLE_TAG = '"8quGRivQBURb3P00k9nRZxa4kgQ"';
const EXAMPLE_DATE = 'Thu, 02 Jan 2020 03:04:05 GMT';
const string = (example: string) => ({ type: 'string' as const, example });

function problem(description: string, example: object): ResponseEntry {
  return { description, content: { 'application/problem+json': { schema: PROBLEM_SCHEMA, example } } };
}

const READS = [RequestMethod.GET, RequestMethod.HEAD, RequestMethod.ALL];
const WRITES = [RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE, RequestMethod.ALL];

/**
 * The header parameters and responses of one decorated route: what its
 * requests may send and what the module may answer, nothing it cannot.
 */
export function describeRoute(facts: RouteFacts): RouteDocumentation {
  const { method, weak, lastModified, requireIfMatch, judgesWrites } = facts;
  const reads = method !== undefined && READS.includes(method);
  const guardsWrites = method !== undefined && WRITES.includes(method) && (judgesWrites || requireIfMatch);

  const etag: ResponseHeader = {
    description: weak
      ? 'A weak entity tag (W/"…", RFC 9110 §8.8.1): send it back in If-None-Match to revalidate. ' +
        'If-Match never matches it.'
      : 'The strong entity tag of the representation sent (RFC 9110 §8.8.3): send it back in If-None-Match ' +
        'to revalidate, in If-Match to update only that version.',
    schema: string(weak ? `W/${EXAMPLE_TAG}` : EXAMPLE_TAG),
  };
  const modified: ResponseHeader = {
    description: 'When the representation last changed (RFC 9110 §8.8.2)',
    schema: string(EXAMPLE_DATE),
  };
  const validators: Record<string, ResponseHeader> = lastModified
    ? { ETag: etag, 'Last-Modified': modified }
    : { ETag: etag };

  const parameters: HeaderParameter[] = [];
  const responses: Record<string, ResponseEntry> = {};
  // Swagger documents the success itself only when a route declares no response: it is declared here.
  // With content it carries the validators; a 204 has none to carry.
  responses[facts.successStatus] =
    facts.successStatus === HttpStatus.NO_CONTENT ? { description: '' } : { description: '', headers: validators };
  if (reads) {
    parameters.push(
      header(
        'If-None-Match',
        false,
        'The entity tags of the copies the client holds: 304 Not Modified, with no content, when one is current ' +
          '(weak comparison, RFC 9110 §13.1.2)',
        string(EXAMPLE_TAG),
      ),
    );
    if (lastModified) {
      parameters.push(
        header(
          'If-Modified-Since',
          false,
          'The Last-Modified of the copy the client holds: 304 Not Modified unless the representation changed ' +
            'since (RFC 9110 §13.1.3). Ignored beside If-None-Match.',
          string(EXAMPLE_DATE),
        ),
      );
    }
    responses[HttpStatus.NOT_MODIFIED] = {
      description:
        'Not Modified: the copy the client holds is current (RFC 9110 §15.4.5). No content; the validators ' +
        'and cache headers a 200 would carry.',
      headers: validators,
    };
  }
  if (guardsWrites) {
    parameters.push(
      header(
        'If-Match',
        requireIfMatch,
        (requireIfMatch ? 'Required (428 without it, or If-None-Match: *). ' : '') +
          'The strong entity tag the client last received: the request is performed only if the resource still ' +
          'has it, else 412 Precondition Failed (RFC 9110 §13.1.1). * for any current version.',
        string(EXAMPLE_TAG),
      ),
      header(
        'If-None-Match',
        false,
        '* to perform the request only if the resource does not exist yet (create-only), else 412 ' +
          '(RFC 9110 §13.1.2).',
        string('*'),
      ),
    );
    if (lastModified && judgesWrites) {
      parameters.push(
        header(
          'If-Unmodified-Since',
          false,
          'The Last-Modified the client last received: 412 if the resource changed after it (RFC 9110 ' +
            '§13.1.4). Ignored beside If-Match.',
          string(EXAMPLE_DATE),
        ),
      );
    }
    if (judgesWrites) {
      responses[HttpStatus.PRECONDITION_FAILED] = {
        ...problem(
          'Precondition Failed: a condition is false, the resource changed since the client read it (or, ' +
            'create-only, exists). The ETag is the current one: fetch the resource again, reapply the change and retry.',
          new EtagPreconditionFailedException('If-Match', EXAMPLE_TAG).getResponse() as object,
        ),
        headers: { ETag: { description: 'The current entity tag, when the resource exists', schema: etag.schema } },
      };
    }
    if (requireIfMatch) {
      responses[428] = problem(
        'Precondition Required: the request sent neither If-Match nor If-None-Match: * (RFC 6585 §3)',
        new EtagPreconditionRequiredException().getResponse() as object,
      );
    }
    responses[HttpStatus.BAD_REQUEST] = problem(
      'Bad Request: If-Match or If-None-Match does not parse as * or a list of quoted entity tags (RFC 9110 §13.1)',
      new EtagMalformedConditionException('If-Match', 'abc123').getResponse() as object,
    );
  }
  return { parameters, responses };
}

function header(name: string, required: boolean, description: string, schema: HeaderParameter['schema']) {
  return { name, in: 'header', required, description, schema } satisfies HeaderParameter;
}

/**
 * Adds a route's documentation to a handler's `@nestjs/swagger` metadata,
 * once. What the app documents itself wins: a header parameter it declares
 * (on the handler or its controller) is left as it is, and so is a response
 * status it declares, but for the response headers it does not name.
 */
export function documentHandler(handler: object, controller: object, documentation: RouteDocumentation): void {
  if (Reflect.getMetadata(DOCUMENTED, handler) === true) return;
  Reflect.defineMetadata(DOCUMENTED, true, handler);

  const own: { name?: string; in?: string }[] = [
    ...(Reflect.getMetadata(SWAGGER_PARAMETERS, handler) ?? []),
    ...(Reflect.getMetadata(SWAGGER_CLASS_HEADERS, controller) ?? []),
  ];
  const declared = (name: string) =>
    own.some((parameter) => parameter.in === 'header' && parameter.name?.toLowerCase() === name.toLowerCase());
  const parameters = documentation.parameters.filter((parameter) => !declared(parameter.name));
  if (parameters.length > 0) {
    Reflect.defineMetadata(
      SWAGGER_PARAMETERS,
      [...(Reflect.getMetadata(SWAGGER_PARAMETERS, handler) ?? []), ...parameters],
      handler,
    );
  }

  // Theirs, with our validators added to each success, and ours for the statuses they leave out.
  const responses: Record<string, { headers?: object }> = { ...Reflect.getMetadata(SWAGGER_RESPONSES, handler) };
  const validators = Object.entries(documentation.responses).find(([status]) => /^2\d\d$/.test(status))?.[1].headers;
  for (const [status, entry] of Object.entries(responses)) {
    if (validators !== undefined && /^2\d\d$/.test(status) && status !== '204') {
      responses[status] = { ...entry, headers: { ...validators, ...entry.headers } };
    }
  }
  for (const [status, entry] of Object.entries(documentation.responses)) {
    const theirs = responses[status];
    if (theirs === undefined) responses[status] = entry;
    else if (entry.headers !== undefined)
      responses[status] = { ...theirs, headers: { ...entry.headers, ...theirs.headers } };
  }
  Reflect.defineMetadata(SWAGGER_RESPONSES, responses, handler);
}
