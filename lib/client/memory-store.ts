import type { RememberedRepresentation, RepresentationStore } from './representation-store.interface.js';

/** Bounds of a {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** The most resources remembered at once; the least recently used goes first. Default `100`. */
  readonly maxEntries?: number;
  /**
   * The most body characters remembered at once, all entries together; a body
   * longer than this is not remembered at all. Default `1_000_000`.
   */
  readonly maxLength?: number;
}

/**
 * The client's default store: in memory, least recently used first out, bounded
 * both in entries and in body characters so a long-lived page or process cannot
 * grow without end.
 */
export class MemoryStore implements RepresentationStore {
  private readonly entries = new Map<string, RememberedRepresentation>();
  private readonly maxEntries: number;
  private readonly maxLength: number;
  private length = 0;

  /** @throws TypeError when a bound is not a positive whole number. */
  constructor(options: MemoryStoreOptions = {}) {
    this.maxEntries = bound('maxEntries', options.maxEntries, 100);
    this.maxLength = bound('maxLength', options.maxLength, 1_000_000);
  }

  /** How many resources are remembered. */
  get size(): number {
    return this.entries.size;
  }

  /** The entry for `key`, which becomes the most recently used. */
  get(key: string): RememberedRepresentation | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // A Map iterates in insertion order: re-inserting moves it to the end.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Remembers `representation`, then evicts the least recently used entries until both bounds hold. */
  set(key: string, representation: RememberedRepresentation): void {
    this.delete(key);
    if (representation.body.length > this.maxLength) return;
    this.entries.set(key, representation);
    this.length += representation.body.length;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.length <= this.maxLength) break;
      this.delete(oldest);
    }
  }

  /** Forgets `key`. */
  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry) {
      this.length -= entry.body.length;
      this.entries.delete(key);
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
    this.length = 0;
  }
}

function bound(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`MemoryStore: option "${name}" must be a positive whole number, got ${String(value)}`);
  }
  return value;
}
