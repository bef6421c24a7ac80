import { Injectable, type ExecutionContext, type OnApplicationBootstrap, type Type } from '@nestjs/common';
import { HEADERS_METADATA, VERSION_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, ModuleRef, Reflector } from '@nestjs/core';
import type { Tag } from '../tagging/entity-tagger.js';
import type { RepresentationTagger } from '../tagging/representation-tagger.js';
import type { CurrentState, EtagRequest } from './current-state.interface.js';
import { ETAG_OPTIONS_METADATA, REQUIRE_IF_MATCH_METADATA } from './etag.constants.js';
import type { EtagOptions } from './etag-options.interface.js';
import { EtagService } from './etag.service.js';
import { mergeRouteOptions } from './route-options.js';

/** What the module knows of one decorated route, compiled on its first request. */
export interface EtagRoute {
  readonly tagger: RepresentationTagger;
  /** The tag of a state (or of a write's new state), presented as the client sees it. */
  readonly tagState: (state: unknown) => Tag | undefined;
  readonly requireIfMatch: boolean;
  /** Where the current state comes from; its tag is then the route's tag. */
  readonly current: Type<CurrentState> | undefined;
  /**
   * The handler's `@Header()`s. Nest sets them after the guards, so a 304 or
   * 412 decided before the handler sets them itself: a 304 carries the
   * Cache-Control, Vary, … the 200 would (RFC 9110 §15.4.5).
   */
  readonly headers: readonly { readonly name: string; readonly value: string }[];
}

/**
 * Compiles each decorated route once: its options merged (handler over
 * controller over module), its tagger built, its `current` provider found.
 */
@Injectable()
export class EtagRoutes implements OnApplicationBootstrap {
  private readonly routes = new WeakMap<object, WeakMap<object, EtagRoute>>();
  private readonly states = new Map<Type<CurrentState>, CurrentState>();

  constructor(
    private readonly etags: EtagService,
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  /**
   * Resolves every `current` provider the app's routes name, so a missing
   * one stops bootstrap with what to do, not a 500 on the first conditional
   * request (plain GETs, and so smoke tests, would pass without it).
   */
  onApplicationBootstrap(): void {
    for (const { metatype } of this.discovery.getControllers()) {
      if (typeof metatype !== 'function') continue;
      const controller = metatype as Type;
      const targets = [
        controller,
        ...this.scanner.getAllMethodNames(controller.prototype).map((name) => controller.prototype[name]),
      ];
      for (const target of targets) {
        const current = this.reflector.get<EtagOptions | undefined>(ETAG_OPTIONS_METADATA, target)?.current;
        if (current !== undefined) this.state(current, controller);
      }
    }
  }

  /** The compiled route of a handler, as reached through a controller. */
  of(context: ExecutionContext): EtagRoute {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byController = this.routes.get(handler);
    let route = byController?.get(controller);
    if (route !== undefined) return route;

    const options = mergeRouteOptions(
      this.etags.options,
      this.reflector.get<EtagOptions | undefined>(ETAG_OPTIONS_METADATA, controller),
      this.reflector.get<EtagOptions | undefined>(ETAG_OPTIONS_METADATA, handler),
    );
    const version = this.reflector.getAllAndOverride<unknown>(VERSION_METADATA, [handler, controller]);
    // A state tag is the route's own: v1 and v2 of a route never share one.
    const tagger = this.etags.createTagger({ ...options, key: options.current && versionKey(version) });
    route = {
      tagger,
      tagState: (state) => tagger.ofValue(this.etags.plain(state)),
      requireIfMatch:
        this.reflector.getAllAndOverride<boolean | undefined>(REQUIRE_IF_MATCH_METADATA, [handler, controller]) ===
        true,
      current: options.current,
      headers: this.reflector.get(HEADERS_METADATA, handler) ?? [],
    };
    if (byController === undefined) this.routes.set(handler, (byController = new WeakMap()));
    byController.set(controller, route);
    return route;
  }

  /** Loads a route's current state through its `CurrentState` provider. */
  async load(type: Type<CurrentState>, request: EtagRequest, context: ExecutionContext): Promise<unknown> {
    return this.state(type, context.getClass()).load(request, context);
  }

  /**
   * The `CurrentState` provider, resolved once.
   * @throws Error naming the class and the controller when it cannot be resolved.
   */
  state(type: Type<CurrentState>, controller: Type): CurrentState {
    let state = this.states.get(type);
    if (state === undefined) {
      try {
        state = this.moduleRef.get(type, { strict: false }) as CurrentState;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `@Etag({ current: ${type.name} }) on ${controller.name}: ${type.name} could not be resolved ` +
            `(${reason}); add it to the providers of the module that declares ${controller.name} ` +
            '(it must be a singleton provider that module can see)',
          { cause: error },
        );
      }
      this.states.set(type, state);
    }
    return state;
  }
}

// Nest's version metadata: a string, a list, or VERSION_NEUTRAL (a symbol).
function versionKey(version: unknown): string | undefined {
  if (version === undefined) return undefined;
  const versions = Array.isArray(version) ? version : [version];
  return `version:${versions.map(String).sort().join(',')}`;
}
