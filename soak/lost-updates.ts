/** A write that answered 2xx: what its client believes it won. */
export interface Win {
  readonly user: number;
  /** The version its `If-Match` named: the state it was based on. */
  readonly base: number;
  /** The version it answered with: the state it made. */
  readonly version: number;
  readonly name: string;
  readonly age: number;
}

/** A user as the store holds it at the end. */
export interface Final {
  readonly id: number;
  readonly name: string;
  readonly age: number;
  readonly version: number;
}

/**
 * The writes that were lost, each said in a line. Every write is
 * conditional on the version it read, so the 2xx writes to one user form
 * one chain: each was based on the one before it (the first on the user's
 * version when the soak began), no two on the same version, and the store
 * ends with the last one's version and values. A write outside that chain
 * was lost, or overwrote one it never saw.
 */
export function lostUpdates(
  wins: readonly Win[],
  initial: ReadonlyMap<number, number>,
  finals: ReadonlyMap<number, Final>,
): string[] {
  const lost: string[] = [];
  for (const [user, initialVersion] of initial) {
    const chain = wins.filter((win) => win.user === user).sort((a, b) => a.version - b.version);
    let version = initialVersion;
    for (const win of chain) {
      if (win.base !== version) {
        lost.push(`user ${user}: a write based on version ${win.base} won version ${win.version}, over ${version}`);
      }
      version = win.version;
    }
    const last = chain[chain.length - 1];
    const final = finals.get(user);
    if (final === undefined) {
      lost.push(`user ${user} is not in the store`);
    } else if (final.version !== version || (last && (final.name !== last.name || final.age !== last.age))) {
      const expected = last ? `${JSON.stringify(last.name)}, ${last.age} at version ${version}` : `version ${version}`;
      lost.push(`user ${user}: the store holds ${JSON.stringify(final)}, the last write won ${expected}`);
    }
  }
  return lost;
}
