import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Controller, Get, Header, type INestApplication, Injectable, Param } from '@nestjs/common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { type CurrentState, Etag, EtagFiles, EtagModule, type EtagRequest } from '../../lib/index.js';
import { PLATFORMS, type Platform } from '../../sample/platform.js';
import { CHROMIUM, describeWith } from '../support/components.js';
import { startFixtureApp } from '../support/fixture-app.js';
import { launchChromium } from './chromium.js';

const FOLDER = mkdtempSync(join(tmpdir(), 'nestjs-etag-media-'));
const TONE = join(FOLDER, 'tone.wav');
afterAll(() => rmSync(FOLDER, { recursive: true, force: true }));

/** A WAV file of `seconds` of a 440 Hz tone, 16-bit mono at 16 kHz: 32 KB a second. */
function tone(seconds: number): Buffer {
  const rate = 16_000;
  const samples = rate * seconds;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'latin1');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8, 'latin1');
  wav.writeUInt32LE(16, 16); // the fmt chunk's size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28); // bytes a second
  wav.writeUInt16LE(2, 32); // bytes a frame
  wav.writeUInt16LE(16, 34); // bits a sample
  wav.write('data', 36, 'latin1');
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return wav;
}

@Injectable()
class MediaState implements CurrentState {
  constructor(private readonly files: EtagFiles) {}
  load(request: EtagRequest) {
    return this.files.stat(join(FOLDER, request.params.name!), { digest: true });
  }
}

@Controller()
class MediaController {
  constructor(private readonly files: EtagFiles) {}

  @Get('page')
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return '<!doctype html><title>media</title><body></body>';
  }

  @Get('media/:name')
  @Etag({ current: MediaState, ranges: true })
  @Header('Cache-Control', 'no-cache')
  media(@Param('name') name: string) {
    return this.files.file(join(FOLDER, name), { type: 'audio/wav' });
  }
}

function startMediaApp(platform: Platform): Promise<INestApplication> {
  return startFixtureApp(platform, {
    imports: [EtagModule.forRoot()],
    controllers: [MediaController],
    providers: [MediaState],
  });
}

/** What the page script uses of the DOM (the tests compile without its types). */
interface PageGlobals {
  readonly document: {
    createElement(name: 'audio'): {
      preload: string;
      muted: boolean;
      src: string;
      currentTime: number;
      readonly duration: number;
      addEventListener(name: string, listener: (event: unknown) => void, options: { once: boolean }): void;
      remove(): void;
    };
    readonly body: { append(element: object): void };
  };
}

/** One request for the media as the server saw it. */
interface Seen {
  readonly range?: string;
  readonly ifRange?: string;
  readonly ifNoneMatch?: string;
  readonly status: number;
  readonly etag?: string;
  readonly contentRange?: string;
}

describeWith(CHROMIUM)('Chromium and a file the module serves', () => {
  let browser: Browser;
  // 9.6 MB: more than a media element reads ahead of where it plays.
  beforeEach(() => writeFileSync(TONE, tone(300)));
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  describe.each(PLATFORMS)('Chromium plays and seeks a file the module serves, on %s', (platform) => {
    let app: INestApplication;
    let origin: string;
    const seen: Seen[] = [];
    let open = 0;
    beforeEach(async () => {
      app = await startMediaApp(platform);
      origin = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      seen.length = 0;
      (app.getHttpServer() as Server).on('request', (request: IncomingMessage, response: ServerResponse) => {
        if (!request.url!.startsWith('/media/')) return;
        open++;
        // On close, as the element cancels what it no longer needs; one cancelled before its headers tells nothing.
        response.on('close', () => {
          open--;
          if (!response.headersSent) return;
          seen.push({
            range: request.headers.range,
            ifRange: request.headers['if-range'] as string | undefined,
            ifNoneMatch: request.headers['if-none-match'],
            status: response.statusCode,
            etag: response.getHeader('etag') as string | undefined,
            contentRange: response.getHeader('content-range') as string | undefined,
          });
        });
      });
    });
    afterEach(() => app.close());

    it('an <audio> element loads and seeks with ranges, revalidates them on the next page, and drops them once the file changed', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${origin}/page`);
      // Loads the metadata, seeks 10 s before the end, and gives the element time to buffer there.
      const play = async () =>
        page.evaluate(async () => {
          const { document } = globalThis as unknown as PageGlobals;
          const audio = document.createElement('audio');
          audio.preload = 'metadata';
          audio.muted = true;
          const event = (name: string) =>
            new Promise((resolve) => audio.addEventListener(name, resolve, { once: true }));
          audio.src = '/media/tone.wav';
          document.body.append(audio);
          await event('loadedmetadata');
          const duration = audio.duration;
          audio.currentTime = duration - 10;
          await event('seeked');
          await new Promise((resolve) => setTimeout(resolve, 300));
          audio.remove();
          return Math.round(duration);
        });
      // What the server saw of one run, once every request it started is over.
      const requests = async (run: () => Promise<number>) => {
        seen.length = 0;
        const duration = await run();
        for (let waited = 0; open > 0 && waited < 5000; waited += 50) await new Promise((done) => setTimeout(done, 50));
        return { duration, seen: [...seen] };
      };
      const tag = (await (await fetch(`${origin}/media/tone.wav`, { method: 'HEAD' })).headers.get('etag'))!;

      // The first load asks for bytes=0-, and the seek for the bytes near the end, under If-Range.
      const first = await requests(play);
      expect(first.duration).toBe(300);
      expect(first.seen[0]).toMatchObject({ range: 'bytes=0-', status: 206, contentRange: 'bytes 0-9600043/9600044' });
      const seek = first.seen.find(({ range }) => range !== undefined && !range.startsWith('bytes=0-'));
      expect(seek).toMatchObject({ ifRange: tag, status: 206 });
      expect(seek!.contentRange).toMatch(/^bytes [1-9]\d*-9600043\/9600044$/);

      // The next page revalidates what the cache holds (304) and fetches the rest under If-Range (206).
      const again = await requests(async () => (await page.reload(), play()));
      expect(again.duration).toBe(300);
      expect(again.seen.filter(({ ifNoneMatch }) => ifNoneMatch === tag).map(({ status }) => status)).toContain(304);
      for (const request of again.seen) expect([206, 304]).toContain(request.status);

      // Once the file changed, nothing of the old one is kept: a revalidation gets the new tag (a 206 of the new
      // bytes is no 304), and a range under If-Range with the old tag the whole new file, never a part to splice.
      writeFileSync(TONE, tone(301));
      const changed = await requests(async () => (await page.reload(), play()));
      expect(changed.duration).toBe(301);
      const revalidated = changed.seen.filter(({ ifNoneMatch }) => ifNoneMatch === tag);
      expect(revalidated.length).toBeGreaterThan(0);
      for (const request of revalidated) {
        expect([200, 206]).toContain(request.status);
        expect(request.etag).not.toBe(tag);
      }
      for (const request of changed.seen.filter(({ ifRange }) => ifRange === tag)) {
        expect(request).toMatchObject({ status: 200, contentRange: undefined });
      }
      await context.close();
    }, 60_000);
  });
});
