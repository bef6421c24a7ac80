/**
 * What a decorated route says about itself in an OpenAPI document: the
 * request headers it reads and the responses the module may give, nothing
 * it cannot. How it is written to `@nestjs/swagger` is swagger-metadata.ts.
 *
 * Over 150 lines, and one concern: the documentation policy of a route,
 * mostly the text of each header and response it documents.
 */
import { HttpStatus } from '@nestjs/common';
import {
  EtagMalformedConditionException,
  EtagPreconditionFailedException,
  EtagPreconditionRequiredException,
} from '../exceptions/etag.exceptions.js';
import { reads, writes } from '../routes/route-methods.js';
import type {
  DocumentedRoute,
  HeaderParameter,
  ResponseEntry,
  ResponseHeader,
  RouteDocumentation,
} from './openapi.interface.js';

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

/**
 * The header parameters and responses of one decorated route: what its
 * requests may send and what the module may answer, nothing it cannot.
 */
export function describeRoute(facts: DocumentedRoute): RouteDocumentation {
  const { method, weak, lastModified, requireIfMatch, judgesWrites } = facts;
  const guardsWrites = writes(method) && (judgesWrites || requireIfMatch);

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
  if (reads(method)) {
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
