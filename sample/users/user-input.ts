import { BadRequestException } from '@nestjs/common';
import type { UserInput } from './user.js';

function fail(message: string): never {
  throw new BadRequestException(message);
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '')
    fail(`"name" must be a non-empty string, got ${JSON.stringify(name)}`);
  return name;
}

function checkAge(age: unknown): number {
  if (typeof age !== 'number' || !Number.isInteger(age) || age < 0) {
    fail(`"age" must be a whole number of at least 0, got ${JSON.stringify(age)}`);
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
