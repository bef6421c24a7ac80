import type { RequestMethod } from '@nestjs/common';

/** What the documentation of one route depends on, read once every decorator has run. */
export interface DocumentedRoute {
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
