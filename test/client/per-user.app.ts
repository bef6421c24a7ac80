import {
  Controller,
  Delete,
  Get,
  Header,
  Headers as RequestHeaders,
  HttpCode,
  type INestApplication,
  Injectable,
  Param,
  Post,
  Put,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type CurrentState, Etag, type EtagRequest, EtagModule } from '../../lib/index.js';
import { CLIENT_READ_HEADER_NAMES } from '../../lib/http/client-read-headers.js';
import type { Platform } from '../../sample/platform.js';
import { startFixtureApp } from '../support/fixture-app.js';

/**
 * A per-user API, which the sample does not have: `/me` is another
 * representation for each user, at one URL. Users are told apart by
 * `Authorization: Bearer <user>`, a `session=<user>` cookie, or `X-User`.
 * Both users have version 1 and the plan "free", so `/me/versioned` (a version
 * tag) and `/me/profile` (a weak tag over `plan`) send both the same tag: a
 * client that sent one user's tag for the other would get a 304, and hand the
 * first user's body to the second. `/me` has a content tag of its own per
 * user.
 */

export const ACCOUNTS: Record<string, { owner: string; plan: string; secretNote: string; version: number }> = {
  a: { owner: 'a', plan: 'free', secretNote: "a's private note", version: 1 },
  b: { owner: 'b', plan: 'free', secretNote: "b's private note", version: 1 },
};

/** The user a request is from, or a 401. */
function userOf(headers: Readonly<Record<string, string | string[] | undefined>>): string {
  const one = (name: string) => [headers[name] ?? []].flat().join(', ');
  const user =
    /^Bearer (\w+)$/.exec(one('authorization'))?.[1] ??
    /(?:^|;\s*)session=(\w+)/.exec(one('cookie'))?.[1] ??
    one('x-user');
  if (!(user in ACCOUNTS)) throw new UnauthorizedException('who are you?');
  return user;
}

@Injectable()
class MyAccount implements CurrentState {
  load(request: EtagRequest): unknown {
    return ACCOUNTS[userOf(request.headers)];
  }
}

/** What the redirect routes do, changed by the tests as they go. */
export interface Hops {
  /** The other origin's address. */
  elsewhere: string;
  /** Whether `/hop/flip` redirects there now (it serves a body of its own before). */
  flipped: boolean;
}

/** Per-user representations say so: `Cache-Control: private` (RFC 9111 §5.2.2.7). */
@Controller('me')
class MeController {
  @Get()
  @Header('Cache-Control', 'private')
  @Etag()
  me(@RequestHeaders() headers: Record<string, string>): unknown {
    return ACCOUNTS[userOf(headers)];
  }

  @Get('profile')
  @Header('Cache-Control', 'private')
  @Etag({ fields: ['plan'] })
  profile(@RequestHeaders() headers: Record<string, string>): unknown {
    return ACCOUNTS[userOf(headers)];
  }

  @Get('versioned')
  @Header('Cache-Control', 'private')
  @Etag({ current: MyAccount, version: 'version' })
  versioned(@RequestHeaders() headers: Record<string, string>): unknown {
    return ACCOUNTS[userOf(headers)];
  }
}

@Injectable()
class HopsProvider {
  readonly state: Hops = { elsewhere: '', flipped: false };
}

@Controller()
class HopController {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly hops: HopsProvider,
  ) {}

  /** Signs in: the session cookie a browser then sends by itself. */
  @Post('session/:user')
  @HttpCode(204)
  signIn(@Param('user') user: string, @Res({ passthrough: true }) response: unknown): void {
    this.adapterHost.httpAdapter.setHeader(response, 'Set-Cookie', `session=${user}; Path=/; SameSite=Lax`);
  }

  @Delete('session')
  @HttpCode(204)
  signOut(@Res({ passthrough: true }) response: unknown): void {
    this.adapterHost.httpAdapter.setHeader(response, 'Set-Cookie', 'session=; Path=/; Max-Age=0');
  }

  /** Within the origin: to `/hop/target`. */
  @Get('hop/here')
  here(@Res() response: unknown): void {
    this.adapterHost.httpAdapter.redirect(response, 302, '/hop/target');
  }

  @Get('hop/target')
  @Etag()
  target(): unknown {
    return { hop: 'target' };
  }

  /** To the other origin, for any method: 302 for a GET, 307 (method and body kept) for a write. */
  @Get('hop/away')
  away(@Res() response: unknown): void {
    this.adapterHost.httpAdapter.redirect(response, 302, `${this.hops.state.elsewhere}/forged`);
  }

  @Put('hop/away')
  awayPut(@Res() response: unknown): void {
    this.adapterHost.httpAdapter.redirect(response, 307, `${this.hops.state.elsewhere}/users/1`);
  }

  @Post('hop/away')
  awayPost(@Res() response: unknown): void {
    this.awayPut(response);
  }

  /** Ours (tag `"ours"`, with 304s) until the test flips it; then a redirect to the other origin. */
  @Get('hop/flip')
  flip(@RequestHeaders('if-none-match') ifNoneMatch: string | undefined, @Res() response: unknown): void {
    const http = this.adapterHost.httpAdapter;
    if (this.hops.state.flipped) return http.redirect(response, 302, `${this.hops.state.elsewhere}/forged`);
    http.setHeader(response, 'ETag', '"ours"');
    http.setHeader(response, 'Content-Type', 'application/json');
    if (ifNoneMatch === '"ours"') return void http.reply(response, '', 304);
    http.reply(response, JSON.stringify({ flip: 'ours' }), 200);
  }
}

/** A started fixture app, its address, and the redirect routes' state. */
export interface PerUserApp {
  readonly app: INestApplication;
  readonly url: string;
  readonly hops: Hops;
}

/**
 * Starts the fixture on loopback. With `secret`, every tag is an HMAC. With
 * `pageOrigin`, a page there may call it with credentials, and reads every
 * header the client reads.
 */
export async function startPerUserApp(
  platform: Platform,
  options: { secret?: string; pageOrigin?: string } = {},
): Promise<PerUserApp> {
  const { pageOrigin } = options;
  const app = await startFixtureApp(
    platform,
    {
      imports: [EtagModule.forRoot(options.secret === undefined ? {} : { secret: options.secret })],
      controllers: [MeController, HopController],
      providers: [MyAccount, HopsProvider],
    },
    {
      configure: (app) =>
        pageOrigin === undefined
          ? undefined
          : app.enableCors({
              origin: pageOrigin,
              credentials: true,
              methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
              exposedHeaders: [...CLIENT_READ_HEADER_NAMES],
            }),
    },
  );
  return { app, url: await app.getUrl(), hops: app.get(HopsProvider).state };
}
