import { EtagRangeNotSatisfiableException } from '../exceptions/etag-range.exception.js';
import type { HeaderParameter, ResponseEntry, ResponseHeader, RouteDocumentation } from './openapi.interface.js';
import { PROBLEM_SCHEMA } from './route-documentation.js';

const EXAMPLE_LENGTH = 1234;
const string = (example: string) => ({ type: 'string' as const, example });

const ACCEPT_RANGES: ResponseHeader = {
  description: 'bytes: the route serves byte ranges of the representation (RFC 9110 §14.3)',
  schema: string('bytes'),
};
const CONTENT_LENGTH: ResponseHeader = { description: 'The length of the content sent', schema: { type: 'integer' } };

/**
 * What a GET route with `ranges` adds to its documentation (RFC 9110 §14):
 * `Range` and `If-Range`, `Accept-Ranges` on the 200, the 206 with one
 * range or several (`multipart/byteranges`), and the 416 with the length.
 */
export function describeRanges(documentation: RouteDocumentation): RouteDocumentation {
  const { parameters, responses } = documentation;
  const ok = responses[200];
  const validators = ok?.headers ?? {};
  const range: HeaderParameter = {
    name: 'Range',
    in: 'header',
    required: false,
    description:
      'bytes=first-last, bytes=first- or bytes=-suffix, or several of them separated by commas (at most 64): ' +
      '206 Partial Content with those bytes, 416 when none exists (RFC 9110 §14.2). Ignored on HEAD.',
    schema: string('bytes=0-1023'),
  };
  const ifRange: HeaderParameter = {
    name: 'If-Range',
    in: 'header',
    required: false,
    description:
      'The strong ETag (or the Last-Modified) of the copy the client holds part of: the ranges are sent only ' +
      'if it is still current, else the whole representation (RFC 9110 §13.1.5). A weak tag never matches.',
    schema: string('"8quGRivQBURb3P00k9nRZxa4kgQ"'),
  };
  const partial: ResponseEntry = {
    description:
      'Partial Content: the ranges asked for (RFC 9110 §15.3.7): one with Content-Range, several as ' +
      'multipart/byteranges, each part with its own Content-Range.',
    headers: {
      ...validators,
      'Content-Range': {
        description: 'The range sent and the complete length, on a single range',
        schema: string(`bytes 0-1023/${EXAMPLE_LENGTH}`),
      },
      'Content-Length': CONTENT_LENGTH,
      'Accept-Ranges': ACCEPT_RANGES,
    },
    content: {
      'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
      'multipart/byteranges': { schema: { type: 'string', format: 'binary' } },
    },
  };
  const unsatisfiable: ResponseEntry = {
    description: 'Range Not Satisfiable: no range asked for overlaps the representation (RFC 9110 §15.5.17)',
    headers: {
      'Content-Range': { description: 'bytes */ and the complete length', schema: string(`bytes */${EXAMPLE_LENGTH}`) },
    },
    content: {
      'application/problem+json': {
        schema: PROBLEM_SCHEMA,
        example: new EtagRangeNotSatisfiableException(EXAMPLE_LENGTH).getResponse(),
      },
    },
  };
  return {
    parameters: [...parameters, range, ifRange],
    responses: {
      ...responses,
      ...(ok === undefined
        ? {}
        : {
            200: {
              ...ok,
              headers: { ...validators, 'Content-Length': CONTENT_LENGTH, 'Accept-Ranges': ACCEPT_RANGES },
            },
          }),
      206: partial,
      416: unsatisfiable,
    },
  };
}
