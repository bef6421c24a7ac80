import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PROBLEM_SCHEMA } from '../../lib/nest/openapi/route-documentation.js';
import { createOpenApiApp } from './fixture/openapi.app.js';
import { PLATFORMS } from '../support/http.js';
import { createTestSample, SAMPLE_START_LIMIT, startSampleProcess } from '../support/sample.js';

type Operation = {
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  responses: Record<
    string,
    { description: string; headers?: Record<string, { description: string }>; content?: object }
  >;
};

const CONFIG = new DocumentBuilder().setTitle('test').build();

function operation(document: OpenAPIObject, method: string, path: string): Operation {
  const found = (document.paths[path] as Record<string, Operation> | undefined)?.[method];
  if (found === undefined) throw new Error(`no ${method} ${path} in the document`);
  return found;
}

/** The header parameters of an operation, `!` after a required one. */
function conditionHeaders(op: Operation): string[] {
  return (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => `${p.name}${p.required ? '!' : ''}`);
}

/** Each response status, in order, with its header names and media types: `412 ETag application/problem+json`. */
function responses(op: Operation): string[] {
  return Object.entries(op.responses).map(([status, response]) =>
    [status, ...Object.keys(response.headers ?? {}), ...Object.keys(response.content ?? {})].join(' '),
  );
}

const PROBLEM = 'application/problem+json';
/** What a @RequireIfMatch() write with a Last-Modified answers, as `responses()` lists it. */
const CONDITIONAL_WRITE = ['200 ETag Last-Modified', `400 ${PROBLEM}`, `412 ETag ${PROBLEM}`, `428 ${PROBLEM}`];

/** Creates the app before the suite, hands over its document, and closes it after. */
function useDocument(create: () => Promise<INestApplication>, use: (document: OpenAPIObject) => void): void {
  let app: INestApplication | undefined;
  beforeAll(async () => {
    app = await create();
    use(SwaggerModule.createDocument(app, CONFIG));
  });
  afterAll(() => app?.close());
}

describe.each(PLATFORMS)('OpenAPI: the sample documented by @nestjs/swagger, on %s', (platform) => {
  let document: OpenAPIObject;
  useDocument(
    () => createTestSample(platform),
    (made) => (document = made),
  );

  it('GET /users/{id}: If-None-Match and If-Modified-Since; ETag and Last-Modified on the 200 and the 304', () => {
    const op = operation(document, 'get', '/users/{id}');
    expect(conditionHeaders(op)).toEqual(['If-None-Match', 'If-Modified-Since']);
    expect(responses(op)).toEqual(['200 ETag Last-Modified', '304 ETag Last-Modified']);
    expect(op.responses['200']!.headers!.ETag!.description).toMatch(/^The strong entity tag/);
  });

  it('GET /users, the list, likewise', () => {
    const op = operation(document, 'get', '/users');
    expect(conditionHeaders(op)).toEqual(['If-None-Match', 'If-Modified-Since']);
    expect(responses(op)).toEqual(['200 ETag Last-Modified', '304 ETag Last-Modified']);
  });

  it('GET /users/{id}/profile: a weak tag, said so, and no Last-Modified', () => {
    const op = operation(document, 'get', '/users/{id}/profile');
    expect(conditionHeaders(op)).toEqual(['If-None-Match']);
    expect(responses(op)).toEqual(['200 ETag', '304 ETag']);
    expect(op.responses['200']!.headers!.ETag!.description).toMatch(/^A weak entity tag .*If-Match never matches it/);
  });

  it('GET /users/{id}/avatar, a ranged file: Range and If-Range; Accept-Ranges; a 206 of one range or several; 416', () => {
    const op = operation(document, 'get', '/users/{id}/avatar');
    expect(conditionHeaders(op)).toEqual(['If-None-Match', 'If-Modified-Since', 'Range', 'If-Range']);
    expect(responses(op)).toEqual([
      '200 ETag Last-Modified Content-Length Accept-Ranges',
      '206 ETag Last-Modified Content-Range Content-Length Accept-Ranges application/octet-stream multipart/byteranges',
      '304 ETag Last-Modified',
      `416 Content-Range ${PROBLEM}`,
    ]);
    const unsatisfiable = op.responses['416']!.content as Record<string, { example: { status: number } }>;
    expect(unsatisfiable[PROBLEM]!.example).toMatchObject({ status: 416, title: 'Range Not Satisfiable' });
  });

  it('PUT /users/{id}/avatar, a write of the file: the conditions of a write, and no Range', () => {
    const op = operation(document, 'put', '/users/{id}/avatar');
    expect(conditionHeaders(op)).toEqual(['If-Match!', 'If-None-Match', 'If-Unmodified-Since']);
    expect(responses(op)).toEqual(['204', `400 ${PROBLEM}`, `412 ETag ${PROBLEM}`, `428 ${PROBLEM}`]);
  });

  it('GET /users/{id}/account, tagged by the controller-wide @Etag(): If-None-Match and a 304', () => {
    const op = operation(document, 'get', '/users/{id}/account');
    expect(conditionHeaders(op)).toEqual(['If-None-Match']);
    expect(responses(op)).toEqual(['200 ETag', '304 ETag']);
  });

  it.each(['put', 'patch'])(
    '%s /users/{id} (@RequireIfMatch): If-Match required; 412 with the current ETag, 428 and 400 as problem+json',
    (method) => {
      const op = operation(document, method, '/users/{id}');
      expect(conditionHeaders(op)).toEqual(['If-Match!', 'If-None-Match', 'If-Unmodified-Since']);
      expect(responses(op)).toEqual(CONDITIONAL_WRITE);
    },
  );

  it('DELETE /users/{id}: If-Match optional; a 204 without validators; 412 and 400', () => {
    const op = operation(document, 'delete', '/users/{id}');
    expect(conditionHeaders(op)).toEqual(['If-Match', 'If-None-Match', 'If-Unmodified-Since']);
    expect(responses(op)).toEqual(['204', `400 ${PROBLEM}`, `412 ETag ${PROBLEM}`]);
  });

  it('POST /users: a 201 with the new validators; the list conditions, 412 and 400', () => {
    const op = operation(document, 'post', '/users');
    expect(conditionHeaders(op)).toEqual(['If-Match', 'If-None-Match', 'If-Unmodified-Since']);
    expect(responses(op)).toEqual(['201 ETag Last-Modified', `400 ${PROBLEM}`, `412 ETag ${PROBLEM}`]);
  });

  it('PUT /users/{id}/password, which judges nothing and sends no content: nothing to add', () => {
    const op = operation(document, 'put', '/users/{id}/password');
    expect(conditionHeaders(op)).toEqual([]);
    expect(responses(op)).toEqual(['204']);
  });

  it('problems are RFC 9457 problem details, with the module’s own messages as examples', () => {
    const op = operation(document, 'put', '/users/{id}');
    const content = (status: string) =>
      (op.responses[status]!.content as Record<string, { schema: unknown; example: { status: number } }>)[PROBLEM]!;
    for (const status of ['400', '412', '428']) {
      expect(content(status).schema).toEqual(PROBLEM_SCHEMA);
      expect(content(status).example).toMatchObject({ type: 'about:blank', status: Number(status) });
    }
    expect(content('428').example).toMatchObject({ title: 'Precondition Required', header: 'If-Match' });
  });

  // As `npm start` runs it: Jest on Node 20 cannot load the ES module dependencies of @fastify/static.
  it(
    'the sample serves Swagger UI at /docs and the document at /docs-json',
    async () => {
      const sample = await startSampleProcess({ PLATFORM: platform, SAMPLE_DB: ':memory:' });
      try {
        const ui = await fetch(`${sample.url}/docs`);
        expect(ui.status).toBe(200);
        expect(ui.headers.get('content-type')).toMatch(/^text\/html/);
        const json = await fetch(`${sample.url}/docs-json`);
        const served = (await json.json()) as OpenAPIObject;
        expect(conditionHeaders(operation(served, 'put', '/users/{id}'))).toContain('If-Match!');
      } finally {
        await sample.stop();
      }
    },
    SAMPLE_START_LIMIT + 15_000,
  );
});

describe.each(PLATFORMS)('OpenAPI: decorator order and the app’s own documentation, on %s', (platform) => {
  let document: OpenAPIObject;
  useDocument(
    () => createOpenApiApp(platform),
    (made) => (document = made),
  );

  it.each(['/below', '/above'])('%s: the same documentation wherever the decorators sit', (path) => {
    expect(conditionHeaders(operation(document, 'get', path))).toEqual(['If-None-Match', 'If-Modified-Since']);
    expect(responses(operation(document, 'get', path))).toEqual(['200 ETag Last-Modified', '304 ETag Last-Modified']);
    const write = operation(document, 'put', path);
    expect(conditionHeaders(write)).toEqual(['If-Match!', 'If-None-Match', 'If-Unmodified-Since']);
    expect(responses(write)).toEqual(CONDITIONAL_WRITE);
    expect(write.responses['200']!.headers!.ETag!.description).toMatch(/^A weak entity tag/);
  });

  it('a header or a response the app declares keeps its words; validators are added to each success', () => {
    const op = operation(document, 'put', '/own');
    const ifMatch = op.parameters!.filter((p) => p.name.toLowerCase() === 'if-match');
    expect(ifMatch).toEqual([
      expect.objectContaining({ name: 'if-match', required: false, description: 'our own words' }),
    ]);
    expect(op.responses['200']).toMatchObject({
      description: 'the note',
      headers: { ETag: { description: 'our tag' } },
    });
    expect(Object.keys(op.responses['201']!.headers!)).toEqual(['ETag']);
    expect(op.responses['412']).toMatchObject({ description: 'our own 412', headers: { ETag: {} } });
    expect(op.responses['428']!.description).toMatch(/^Precondition Required/);
  });

  it('a route without the module’s decorators is left alone', () => {
    const op = operation(document, 'get', '/own');
    expect(conditionHeaders(op)).toEqual([]);
    expect(responses(op)).toEqual(['200']);
  });

  it('a second app over the same controllers documents them once', async () => {
    const again = await createOpenApiApp(platform);
    try {
      const op = operation(SwaggerModule.createDocument(again, CONFIG), 'get', '/below');
      expect(conditionHeaders(op)).toEqual(['If-None-Match', 'If-Modified-Since']);
    } finally {
      await again.close();
    }
  });
});
