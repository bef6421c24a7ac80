import type { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { secretFrom } from '../../sample/secret.js';
import { PLATFORMS } from '../support/http.js';
import { type SampleProcess, startSampleApp, startSampleProcess } from '../support/sample.js';

/**
 * What the README's Security section shows: without a secret, a weak tag over
 * a low-entropy field is a plain hash of it, and a guess is confirmed
 * offline; with ETAG_SECRET it is an HMAC, and the same guess fails.
 */

/**
 * The offline guess: the SHA-1 of the text a field tag hashes (the module's
 * source says how it is written), as `/users/:id/profile` would tag `name`.
 */
function guess(name: string): string {
  return `W/"${createHash('sha1').update(`{k4:names${name.length}:${name}}`).digest('base64url')}"`;
}

const SECRET = 'a sample secret of 32 characters';

describe.each(PLATFORMS)('the offline guess of a weak tag, on %s', (platform) => {
  let app: INestApplication | undefined;
  afterEach(() => app?.close());

  async function profileTag(secret?: string): Promise<string | null> {
    app = await startSampleApp(platform, { secret });
    return (await fetch(`${await app.getUrl()}/users/1/profile`)).headers.get('etag');
  }

  it('without a secret, the SHA-1 of the text of the selected name is the weak tag of /users/1/profile', async () => {
    expect(await profileTag()).toBe(guess('Shaun'));
  });

  it('with a secret, it is not: the tag is an HMAC', async () => {
    const tag = await profileTag(SECRET);
    expect(tag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(tag).not.toBe(guess('Shaun'));
  });
});

describe('ETAG_SECRET, as npm start reads it', () => {
  it('unset or empty: none; one secret; a comma-separated list, spaces around the commas dropped', () => {
    expect(secretFrom(undefined)).toBeUndefined();
    expect(secretFrom('')).toBeUndefined();
    expect(secretFrom(SECRET)).toBe(SECRET);
    expect(secretFrom('new secret of 16+, old secret of 16+')).toEqual(['new secret of 16+', 'old secret of 16+']);
  });

  describe.each(PLATFORMS)('the compiled sample on %s', (platform) => {
    const started: SampleProcess[] = [];
    afterEach(async () => {
      await Promise.all(started.splice(0).map((sample) => sample.stop()));
    });
    async function start(env: Record<string, string>): Promise<string> {
      const sample = await startSampleProcess({ PLATFORM: platform, SAMPLE_DB: ':memory:', DATABASE_URL: '', ...env });
      started.push(sample);
      return sample.url;
    }

    it('keys its tags with ETAG_SECRET, and a list rotates: the old tag still revalidates', async () => {
      const plain = await start({ ETAG_SECRET: '' });
      expect((await fetch(`${plain}/users/1/profile`)).headers.get('etag')).toBe(guess('Shaun'));

      const old = await start({ ETAG_SECRET: 'the old secret of 16+' });
      const oldTag = (await fetch(`${old}/users/1/profile`)).headers.get('etag')!;
      expect(oldTag).not.toBe(guess('Shaun'));

      const rotating = await start({ ETAG_SECRET: 'the new secret of 16+,the old secret of 16+' });
      const fresh = await fetch(`${rotating}/users/1/profile`);
      expect(fresh.headers.get('etag')).not.toBe(oldTag);
      expect((await fetch(`${rotating}/users/1/profile`, { headers: { 'If-None-Match': oldTag } })).status).toBe(304);
    });

    it('a secret too short stops it as it starts, without repeating the value', async () => {
      await expect(start({ ETAG_SECRET: 'short' })).rejects.toThrow(/option "secret" must be a string of at least 16/);
      await expect(start({ ETAG_SECRET: 'short' })).rejects.not.toThrow(/short/);
    });
  });
});
