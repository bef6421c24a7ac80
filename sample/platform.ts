import type { AbstractHttpAdapter } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';

/** The HTTP platforms the sample (and the module) run on. */
export const PLATFORMS = ['express', 'fastify'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A fresh Nest HTTP adapter for the platform. */
export function createAdapter(platform: Platform): AbstractHttpAdapter {
  return platform === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
}

/** Reads `PLATFORM`, failing with the values it accepts. */
export function platformFrom(value: string | undefined): Platform {
  const platform = value === undefined || value === '' ? 'express' : value;
  if (!(PLATFORMS as readonly string[]).includes(platform)) {
    throw new Error(`PLATFORM must be one of ${PLATFORMS.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return platform as Platform;
}
