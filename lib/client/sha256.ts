/**
 * SHA-256 (FIPS 180-4) of a string's UTF-8 bytes, in hex. The client digests
 * credentials with it so that a store never holds them (see partition.ts).
 * Written out rather than taken from Web Crypto: `crypto.subtle` is missing
 * from pages served over plain HTTP (it needs a secure context) and is
 * asynchronous; the inputs here are a few hundred bytes.
 */

/** The round constants K and the initial hash H: fractional parts of cube and square roots of the first primes (§4.2.2, §5.3.3). */
const K: number[] = [];
const H: number[] = [];
const fraction = (root: number): number => ((root - Math.floor(root)) * 2 ** 32) | 0;
for (let n = 2, primes: number[] = []; K.length < 64; n++) {
  if (primes.every((prime) => n % prime !== 0)) {
    primes.push(n);
    K.push(fraction(Math.cbrt(n)));
    if (H.length < 8) H.push(fraction(Math.sqrt(n)));
  }
}

const rotate = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

export function sha256(text: string): string {
  const bytes = new TextEncoder().encode(text);
  // The message, a 1 bit, zeros, and the length in bits as 64 bits: a multiple of 64 bytes (§5.1.1).
  const padded = new Uint8Array((bytes.length + 72) & ~63);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, bytes.length / 2 ** 29);
  view.setUint32(padded.length - 4, bytes.length * 8);
  const hash = H.slice();
  const w: number[] = [];
  for (let block = 0; block < padded.length; block += 64) {
    // §6.2.2: the message schedule, then 64 rounds.
    for (let t = 0; t < 64; t++) {
      const a = w[t - 15]!;
      const b = w[t - 2]!;
      w[t] =
        t < 16
          ? view.getUint32(block + t * 4)
          : (w[t - 16]! +
              (rotate(a, 7) ^ rotate(a, 18) ^ (a >>> 3)) +
              w[t - 7]! +
              (rotate(b, 17) ^ rotate(b, 19) ^ (b >>> 10))) |
            0;
    }
    const v = hash.slice();
    for (let t = 0; t < 64; t++) {
      const [a, b, c, , e, f, g, h] = v as [number, number, number, number, number, number, number, number];
      const t1 = (h + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + ((e & f) ^ (~e & g)) + K[t]! + w[t]!) | 0;
      const t2 = ((rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      v.unshift((t1 + t2) | 0);
      v.pop();
      v[4] = (v[4]! + t1) | 0;
    }
    hash.forEach((x, i) => (hash[i] = (x + v[i]!) | 0));
  }
  return hash.map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
}
