import { createHash } from 'node:crypto';
import { sha256 } from '../../lib/client/sha256.js';

describe('sha256 (FIPS 180-4), as the client digests credentials', () => {
  it('the FIPS 180-2 examples', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it("matches Node's crypto at every length around the block and padding boundaries, over UTF-8", () => {
    for (let length = 0; length <= 200; length++) {
      const text = 'é€😀x'.repeat(length).slice(0, length);
      expect(sha256(text)).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });
});
