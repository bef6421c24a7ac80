import { createParamDecorator } from '@nestjs/common';
import { readWritePrecondition } from '../request/write-precondition.js';

/**
 * Injects the {@link WritePrecondition} of a write on a route with a
 * `current` source: hand it to the store, which enforces it inside the
 * write. On a route without one, bootstrap stops with what to do.
 */
export const Precondition = createParamDecorator(readWritePrecondition);
