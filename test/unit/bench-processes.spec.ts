import { memoryNote, allocatorSettings, parseCpuList, processOf } from '../../bench/processes.js';

describe('the bench: which process measures a case (processOf)', () => {
  it('goes through every pairing of three builds’ two processes in 8 rounds', () => {
    const pairings = Array.from({ length: 8 }, (_, round) => [0, 1, 2].map((build) => processOf(build, round, 2)));
    expect(new Set(pairings.map((p) => p.join(''))).size).toBe(8);
    // Each pair of builds sees each of its 4 pairings twice.
    for (const [a, b] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ]) {
      const seen = new Map<string, number>();
      for (const p of pairings) seen.set(`${p[a]}${p[b]}`, (seen.get(`${p[a]}${p[b]}`) ?? 0) + 1);
      expect([...seen.values()]).toEqual([2, 2, 2, 2]);
    }
  });

  it('uses the one process there is when there is one', () => {
    for (let round = 0; round < 8; round++) expect([0, 1, 2].map((b) => processOf(b, round, 1))).toEqual([0, 0, 0]);
  });

  it('stays within the processes of a build', () => {
    for (let round = 0; round < 40; round++) {
      for (let build = 0; build < 3; build++) expect(processOf(build, round, 3)).toBeLessThan(3);
    }
  });
});

describe('the bench: the allocator settings of its processes', () => {
  it('keeps freed memory and serves buffers from the heap, unless GLIBC_TUNABLES is given', () => {
    const set = allocatorSettings({ PATH: '/bin' });
    expect(set.PATH).toBe('/bin');
    expect(set.GLIBC_TUNABLES).toBe('glibc.malloc.trim_threshold=67108864:glibc.malloc.mmap_threshold=67108864');
    expect(memoryNote({})).toMatch(/keeps freed memory.*young generation is fixed at 32 MB/);
    const given = { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' };
    expect(allocatorSettings(given)).toBe(given);
    expect(memoryNote(given)).toMatch(/^GLIBC_TUNABLES=glibc.malloc.arena_max=2 as given; /);
  });

  it('reads CPU lists as taskset prints them', () => {
    expect(parseCpuList('0,1')).toEqual([0, 1]);
    expect(parseCpuList(' 0-3,8\n')).toEqual([0, 1, 2, 3, 8]);
  });
});
