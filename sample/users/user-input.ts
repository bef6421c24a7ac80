import { BadRequestException } from '@nestjs/common';
import type { UserInput } from './user.js';

function fail(message: string): never {
  throw new BadRequestException(message);
}

/** The longest name the sample keeps: a bound, so no request can grow a row without limit. */
const MAX_NAME_LENGTH = 200;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** The largest age both stores keep exactly: PostgreSQL's INTEGER (32 bits). */
const MAX_AGE = 2_147_483_647;

// A name either store keeps exactly as sent: no NUL (PostgreSQL's text cannot hold it), no
// lone UTF-16 surrogate (stored as U+FFFD, so not what was sent), not too long.
function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') {
    fail(`"name" must be a non-empty string, got ${JSON.stringify(name)}`);
  }
  if (name.length > MAX_NAME_LENGTH) fail(`"name" must be at most ${MAX_NAME_LENGTH} characters, got ${name.length}`);
  if (name.includes('\u0000') || LONE_SURROGATE.test(name)) {
    fail('"name" must be text a database can keep as sent: no NUL character and no lone surrogate (\\ud800-\\udfff)');
  }
  return name;
}

function checkAge(age: unknown): number {
  if (typeof age !== 'number' || !Number.isInteger(age) || age < 0 || age > MAX_AGE) {
    fail(`"age" must be a whole number from 0 to ${MAX_AGE}, got ${JSON.stringify(age)}`);
  }
  return age;
}

function asObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    fail('the body must be a JSON object such as {"name":"Shaun","age":27}');
  }
  return body as Record<string, unknown>;
}

// The server's own properties: a client may send back what it read; they are ignored.
const SERVER_KEYS = ['version', 'updatedAt'];

function checkKeys(body: Record<string, unknown>, id: number | undefined): void {
  for (const key of Object.keys(body)) {
    if (key === 'id') {
      if (id === undefined) fail('"id" is assigned by the server; leave it out');
      if (body.id !== id) fail(`"id" must be ${id}, the id in the URL, got ${JSON.stringify(body.id)}`);
    } else if (key !== 'name' && key !== 'age' && !SERVER_KEYS.includes(key)) {
      fail(`unknown property ${JSON.stringify(key)}; a user has "name" and "age"`);
    }
  }
}

/** A whole user, for POST (no id) and PUT (the id of the URL, if any). */
export function parseUserInput(body: unknown, id?: number): UserInput {
  const object = asObject(body);
  checkKeys(object, id);
  return { name: checkName(object.name), age: checkAge(object.age) };
}

/** Some of a user's properties, for PATCH: a JSON object (`application/json`) of the properties to change. */
export function parseUserPatch(body: unknown, id: number): Partial<UserInput> {
  const object = asObject(body);
  checkKeys(object, id);
  const patch: { name?: string; age?: number } = {};
  if (object.name !== undefined) patch.name = checkName(object.name);
  if (object.age !== undefined) patch.age = checkAge(object.age);
  return patch;
}

/** A user id from the URL: a positive whole number. */
export function parseUserId(raw: string): number {
  const id = Number(raw);
  if (!/^[1-9][0-9]{0,15}$/.test(raw) || !Number.isSafeInteger(id)) {
    fail(`the user id must be a positive whole number, got ${JSON.stringify(raw)}`);
  }
  return id;
}

/** A new password, for `PUT /users/:id/password`: `{"password":"…"}`, at least 8 characters. */
export function parsePassword(body: unknown): string {
  const { password, ...rest } = asObject(body);
  const unknown = Object.keys(rest);
  if (unknown.length > 0) fail(`unknown property ${JSON.stringify(unknown[0])}; the body is {"password":"…"}`);
  if (typeof password !== 'string' || password.length < 8) {
    fail('"password" must be a string of at least 8 characters');
  }
  return password;
}
