// Bad input fails before the network, with a message that names the parameter. Bounds come from the spec.
import { TOP_MAX, TOP_MIN } from "@export-api/types";
import { printable } from "../printable.js";

/** The longest delay a timer can hold (2^31 - 1 ms, about 24.8 days); a longer one would fire at once. */
export const MAX_DELAY_MS = 2_147_483_647;

// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The iModel id: any non-blank string the URL can carry. Not checked as a GUID (the server answers 422 for that),
 * but control characters (a line break would forge log lines) and lone surrogates (no URL can encode them) are
 * refused here, before the network.
 */
export function validateImodelId(imodelId: unknown): string {
  if (typeof imodelId !== "string" || imodelId.trim() === "") {
    throw new TypeError(`imodelId is required and must be a non-empty string, got ${describeValue(imodelId)}`);
  }
  if (CONTROL_CHARACTERS.test(imodelId) || LONE_SURROGATE.test(imodelId)) {
    throw new TypeError(
      `imodelId must not hold control characters or unpaired surrogates, got ${describeValue(imodelId)}`,
    );
  }
  return imodelId;
}

export function validateTop(top: unknown, name = "top"): number | undefined {
  if (top === undefined) return undefined;
  if (typeof top !== "number" || !Number.isInteger(top) || top < TOP_MIN || top > TOP_MAX) {
    throw new RangeError(`${name} must be an integer from ${TOP_MIN} to ${TOP_MAX}, got ${describeValue(top)}`);
  }
  return top;
}

export function validateSkip(skip: unknown): number | undefined {
  if (skip === undefined) return undefined;
  if (typeof skip !== "number" || !Number.isSafeInteger(skip) || skip < 0) {
    throw new RangeError(`skip must be a non-negative integer, got ${describeValue(skip)}`);
  }
  return skip;
}

/** An optional count (e.g. `maxRetries`): an integer, 0 or more. */
export function validateCount(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${describeValue(value)}`);
  }
  return value;
}

/** An optional duration in ms: a whole number from `min` up to what a timer can hold. */
export function validateDelay(value: unknown, name: string, min: 0 | 1): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > MAX_DELAY_MS) {
    throw new RangeError(
      `${name} must be a whole number of milliseconds from ${min} to ${MAX_DELAY_MS}, got ${describeValue(value)}`,
    );
  }
  return value;
}

/** An optional function-valued option, such as `fetch`. */
export function validateFunction<T>(value: T, name: string): T {
  if (value !== undefined && typeof value !== "function") {
    throw new TypeError(`${name} must be a function, got ${value === null ? "null" : typeof value}`);
  }
  return value;
}

/** An optional logger: an object with `debug` and `warn` methods. */
export function validateLogger<T>(value: T): T {
  if (value !== undefined && !hasMembers(value, { debug: "function", warn: "function" })) {
    throw new TypeError("logger must be an object with debug(message) and warn(message) methods");
  }
  return value;
}

/** An optional `signal` request option: an AbortSignal (or an object that behaves as one). */
export function validateSignal(signal: unknown): AbortSignal | undefined {
  if (signal !== undefined && !hasMembers(signal, { aborted: "boolean", addEventListener: "function" })) {
    throw new TypeError("signal must be an AbortSignal");
  }
  return signal as AbortSignal | undefined;
}

/** Whether `value` is an object whose members have these `typeof`s. */
function hasMembers(value: unknown, members: Record<string, "boolean" | "function">): boolean {
  if (typeof value !== "object" || value === null) return false;
  return Object.entries(members).every(([name, type]) => typeof (value as Record<string, unknown>)[name] === type);
}

/**
 * A value as an error message shows it, safely: a string quoted and escaped (no raw line break or escape
 * sequence reaches a terminal or a log), cut at 100 characters; a number as written; an object by its kind only
 * (its own `toString` is never called: it could throw or lie).
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return quote(value.length > 100 ? `${value.slice(0, 100)}...` : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** A string quoted as JSON, with what JSON leaves raw (C1 controls, line separators, bidi) escaped too. */
export function quote(text: string): string {
  return printable(JSON.stringify(text));
}
