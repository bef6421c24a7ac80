import type { ContextType, ExecutionContext, Type } from '@nestjs/common';

// Named through ExecutionContext: @nestjs/common exports them from no public entry point.
type HttpArgumentsHost = ReturnType<ExecutionContext['switchToHttp']>;
type RpcArgumentsHost = ReturnType<ExecutionContext['switchToRpc']>;
type WsArgumentsHost = ReturnType<ExecutionContext['switchToWs']>;

/**
 * The execution context of a request admitted before Nest's pipeline
 * (routes/early-admission.ts), as Nest's own would be for its guards: an
 * HTTP request to `handler` of `controller`, its arguments the platform's
 * request, response and `next`. What a `CurrentState` reads of it reads the
 * same in both places.
 */
export class RouteContext implements ExecutionContext, HttpArgumentsHost {
  private readonly args: [object, object, unknown];

  constructor(
    private readonly controller: Type,
    private readonly handler: (...args: unknown[]) => unknown,
    request: object,
    response: object,
    next: unknown,
  ) {
    this.args = [request, response, next];
  }

  getType<T extends string = ContextType>(): T {
    return 'http' as T;
  }
  getClass<T = unknown>(): Type<T> {
    return this.controller as Type<T>;
  }
  getHandler(): (...args: unknown[]) => unknown {
    return this.handler;
  }
  getArgs<T extends unknown[] = unknown[]>(): T {
    return this.args as unknown as T;
  }
  getArgByIndex<T = unknown>(index: number): T {
    return this.args[index] as T;
  }
  switchToHttp(): HttpArgumentsHost {
    return this;
  }
  getRequest<T = unknown>(): T {
    return this.args[0] as T;
  }
  getResponse<T = unknown>(): T {
    return this.args[1] as T;
  }
  getNext<T = unknown>(): T {
    return this.args[2] as T;
  }
  // Nest's own host answers these with the same arguments, read by position.
  switchToRpc(): RpcArgumentsHost {
    return { getData: () => this.args[0], getContext: () => this.args[1] } as RpcArgumentsHost;
  }
  switchToWs(): WsArgumentsHost {
    return {
      getClient: () => this.args[0],
      getData: () => this.args[1],
      getPattern: () => this.args[this.args.length - 1],
    } as WsArgumentsHost;
  }
}
