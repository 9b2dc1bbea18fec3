// Bad input fails before the network, with a message that names the parameter. Bounds come from the spec.
import { SKIP_MAX, SKIP_MIN, TOP_MAX, TOP_MIN } from "@export-api/types";

/** The longest delay a timer can hold (2^31 - 1 ms, about 24.8 days); a longer one would fire at once. */
export const MAX_DELAY_MS = 2_147_483_647;

export function validateImodelId(imodelId: unknown): string {
  if (typeof imodelId !== "string" || imodelId.trim() === "") {
    throw new TypeError(
      `imodelId is required and must be a non-empty string, got ${imodelId === "" ? '""' : String(imodelId)}`,
    );
  }
  return imodelId;
}

export function validateTop(top: unknown, name = "top"): number | undefined {
  if (top === undefined) return undefined;
  if (typeof top !== "number" || !Number.isInteger(top) || top < TOP_MIN || top > TOP_MAX) {
    throw new RangeError(`${name} must be an integer from ${TOP_MIN} to ${TOP_MAX}, got ${String(top)}`);
  }
  return top;
}

export function validateSkip(skip: unknown): number | undefined {
  if (skip === undefined) return undefined;
  if (typeof skip !== "number" || !Number.isInteger(skip) || skip < SKIP_MIN || skip > SKIP_MAX) {
    throw new RangeError(`skip must be a non-negative integer, got ${String(skip)}`);
  }
  return skip;
}

/** An optional count (e.g. `maxRetries`): an integer, 0 or more. */
export function validateCount(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/** An optional duration in ms: a whole number from `min` up to what a timer can hold. */
export function validateDelay(value: unknown, name: string, min: 0 | 1): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > MAX_DELAY_MS) {
    throw new RangeError(
      `${name} must be a whole number of milliseconds from ${min} to ${MAX_DELAY_MS}, got ${String(value)}`,
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
