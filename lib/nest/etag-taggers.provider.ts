import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EntityTagger } from '../tagging/entity-tagger.js';
import {
  createRepresentationTagger,
  type RepresentationTagger,
  type TagKind,
} from '../tagging/representation-tagger.js';
import { ETAG_MODULE_OPTIONS } from './etag.module-definition.js';
import type { EtagModuleOptions, ResolvedEtagModuleOptions } from './options/etag-options.interface.js';
import { resolveModuleOptions } from './options/module-options.validation.js';
import { loadPlainState, type PlainState } from './request/plain-state.js';

/**
 * What every tag of the module is made with: the module options, validated
 * once, the hash (keyed with the secrets, which only it holds, in a private
 * field), and how a state is presented before it is tagged. A provider of
 * the module's own, not exported from the package: routes and `EtagService`
 * use it, apps use `EtagService`.
 */
@Injectable()
export class EtagTaggers implements OnModuleInit {
  /** The module options, validated, with their defaults; the secrets are not among them. */
  readonly options: ResolvedEtagModuleOptions;
  /** The hash every tag of this module is made with. */
  readonly tagger: EntityTagger;
  #plain: PlainState = (state) => state;

  constructor(@Inject(ETAG_MODULE_OPTIONS) raw: EtagModuleOptions | undefined) {
    const { options, secrets } = resolveModuleOptions(raw);
    this.options = options;
    this.tagger = new EntityTagger(options.algorithm, secrets);
  }

  /** Loads class-transformer, if the app has it, for {@link plain}. */
  async onModuleInit(): Promise<void> {
    this.#plain = await loadPlainState();
  }

  /** Presents a state as the client sees it before it is tagged; see plain-state.ts. */
  plain(state: unknown): unknown {
    return this.#plain(state);
  }

  /** Builds the tagger of one route's tag kind, once per route. */
  forRoute(kind: TagKind): RepresentationTagger {
    return createRepresentationTagger(this.tagger, kind);
  }
}
