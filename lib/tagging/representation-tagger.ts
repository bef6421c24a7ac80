import type { EntityTagger } from './entity-tagger.js';
import { STATE_VALUE_BUDGET } from './canonical-text.js';
import { compileFieldSelection } from './field-selection.js';
import { isUntagged, representationBytes } from './representation.js';
import type { Tag } from './tag.js';

/** What a route's tag is computed over, once its options are merged. */
export interface TagKind {
  /** Send `W/"…"`: decided by the merge of the route's options, the one place that knows `fields` means weak. */
  readonly weak: boolean;
  /** Hash only these property paths of the body. */
  readonly fields: readonly string[] | undefined;
  /** Tells apart representations of one state, e.g. `v1` and `v2` of a route. */
  readonly key?: string;
}

/** Computes one route's tags. Built once per route; the hot path only calls it. */
export interface RepresentationTagger {
  /**
   * The tag of a body about to be sent: its bytes hashed, or with `fields`
   * the selected properties of `value` (the object serialised into `bytes`).
   */
  ofBody(value: unknown, bytes: string | Uint8Array): Tag;
  /**
   * The tag of a value as its default JSON would be sent: what a current
   * state, or `EtagService.tag()`, is tagged by. `undefined` for no
   * representation (`undefined`, `null`, a stream).
   */
  ofValue(value: unknown): Tag | undefined;
  /**
   * The tag {@link ofBody} gives a body of `value`, where the value alone
   * makes it (the selected fields of an object), so that it is known before
   * the body is serialised; `undefined` where the bytes are needed.
   */
  ofSelection(value: unknown): Tag | undefined;
}

/** Builds the tagger of one route's {@link TagKind}. */
export function createRepresentationTagger(tagger: EntityTagger, kind: TagKind): RepresentationTagger {
  const { key, weak } = kind;
  const bytesTag = (bytes: string | Uint8Array): Tag => tagger.ofBytes(bytes, weak, key);
  if (kind.fields === undefined) {
    return {
      ofBody: (_value, bytes) => bytesTag(bytes),
      ofValue: (value) => {
        const bytes = representationBytes(value);
        return bytes === undefined ? undefined : bytesTag(bytes);
      },
      ofSelection: () => undefined,
    };
  }

  // Only the selected values are hashed, never the whole body; a selection
  // that cannot be written faithfully falls back to the bytes, a weak tag all the same.
  const select = compileFieldSelection(kind.fields);
  const isObject = (value: unknown): value is object =>
    typeof value === 'object' && value !== null && !ArrayBuffer.isView(value);
  const selectionTag = (value: unknown, budget: number): Tag | undefined => {
    const text = isObject(value) ? select(value, budget) : undefined;
    return text === undefined ? undefined : bytesTag(text);
  };
  return {
    // JSON spends a byte at least on each value it sends: no more can be selected from a body.
    ofBody: (value, bytes) => selectionTag(value, bytes.length + 1) ?? bytesTag(bytes),
    ofValue: (value) =>
      isUntagged(value)
        ? undefined
        : (selectionTag(value, STATE_VALUE_BUDGET) ?? bytesTag(representationBytes(value)!)),
    // Within a budget of its own, not the body's length: where both suffice they select the same text.
    ofSelection: (value) => selectionTag(value, STATE_VALUE_BUDGET),
  };
}
