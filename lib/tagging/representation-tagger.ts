import { compileFieldProjection } from './field-projection.js';
import { type EntityTagger, type Tag } from './entity-tagger.js';
import { isUntagged, representationBytes } from './representation.js';

/** What a route's tag is computed over, once its options are merged. */
export interface TagKind {
  /** Send `W/"…"`. Always true with `fields` (RFC 9110 §8.8.1). */
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
}

/** Builds the tagger of one route's {@link TagKind}. */
export function createRepresentationTagger(tagger: EntityTagger, kind: TagKind): RepresentationTagger {
  const { key } = kind;
  const weak = kind.weak || kind.fields !== undefined;
  const bytesTag = (bytes: string | Uint8Array): Tag => tagger.ofBytes(bytes, weak, key);
  if (kind.fields === undefined) {
    return {
      ofBody: (_value, bytes) => bytesTag(bytes),
      ofValue: (value) => {
        const bytes = representationBytes(value);
        return bytes === undefined ? undefined : bytesTag(bytes);
      },
    };
  }

  const project = compileFieldProjection(kind.fields);
  // Only the selected values are hashed, never the whole body: natively when
  // their JSON is canonical, with object-hash when it is not.
  const fieldsTag = (value: object): Tag => {
    const projection = project(value);
    return projection.flat ? bytesTag(JSON.stringify(projection.value)) : tagger.ofValues(projection.value, key);
  };
  const isObject = (value: unknown): value is object =>
    typeof value === 'object' && value !== null && !ArrayBuffer.isView(value);
  return {
    ofBody: (value, bytes) => (isObject(value) ? fieldsTag(value) : bytesTag(bytes)),
    ofValue: (value) => {
      if (isUntagged(value)) return undefined;
      return isObject(value) ? fieldsTag(value) : bytesTag(representationBytes(value)!);
    },
  };
}
