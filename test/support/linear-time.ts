/**
 * Whether `parse` costs time in proportion to its input's length: the
 * growth, in milliseconds per KB, from a quarter of `value` to all of it.
 * Each timing is the fastest of a few rounds, the least disturbed by the
 * other work on a shared machine. Linear parsing costs microseconds per KB;
 * a quadratic scan of 16 KB costs milliseconds.
 */
export function growthPerKb(parse: (value: string) => unknown, value: string): number {
  const timePerCall = (input: string, runs: number): number => {
    let best = Infinity;
    for (let round = 0; round < 5; round++) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < runs; i++) parse(input);
      best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6 / runs);
    }
    return best;
  };
  const small = value.slice(0, value.length / 4);
  timePerCall(value, 5); // warm up
  return (timePerCall(value, 20) - timePerCall(small, 20)) / ((value.length - small.length) / 1024);
}
