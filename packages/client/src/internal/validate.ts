// Bad input fails before the network, with a message that names the parameter. Bounds come from the spec.
import { printable } from "./printable.js";

/** The longest delay a timer can hold (2^31 - 1 ms, about 24.8 days); a longer one would fire at once. */
export const MAX_DELAY_MS = 2_147_483_647;

/**
 * The iModel id: any non-blank string a URL can carry. Not checked as a GUID (the server answers 422 for that),
 * but what `printable` would escape (a line break would forge log lines) and lone surrogates (no URL can encode
 * them) are refused here, before the network.
 */
export function validateImodelId(imodelId: unknown): string {
  let usable = typeof imodelId === "string" && imodelId.trim() !== "" && printable(imodelId) === imodelId;
  try {
    encodeURIComponent(imodelId as string);
  } catch {
    usable = false;
  }
  if (!usable) {
    throw new TypeError(
      `imodelId must be a non-empty string without control characters or lone surrogates, got ${describeValue(imodelId)}`,
    );
  }
  return imodelId as string;
}

/**
 * An integer option or parameter from `min` to `max`: the value itself; `fallback` (or `undefined`) when it is
 * `undefined`; else a RangeError naming it. The one integer check of the workspace (client, mock server, verifier).
 *
 * @internal
 */
export function validateInteger(value: unknown, name: string, min: number, max: number): number | undefined;
/** @internal */
export function validateInteger(value: unknown, name: string, min: number, max: number, fallback: number): number;
export function validateInteger(
  value: unknown,
  name: string,
  min: number,
  max: number,
  fallback?: number,
): number | undefined {
  if (value === undefined) return fallback;
  if (!(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${describeValue(value)}`);
  }
  return value as number;
}

/** An integer as command lines write it: digits, with a `-` for a negative one. No `1e2`, `0x10`, `+5` or ` 5`. */
const INTEGER_TEXT = /^-?[0-9]+$/;

/**
 * An integer from a command line (`--top 50`), read the same way by every command of the workspace: digits only,
 * so `1e2` or `0x10` is refused rather than taken as 100 or 16, and no larger than a safe integer. Its range is
 * then checked by validateInteger where the option is used, with the same wording. `undefined` stays `undefined`.
 *
 * @internal
 */
export function readInteger(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!INTEGER_TEXT.test(text) || !Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be an integer, got ${describeValue(text)}`);
  }
  return value;
}

/** An optional function-valued option, such as `fetch`. */
export function validateFunction<T>(value: T, name: string): T {
  if (value !== undefined && typeof value !== "function") {
    throw new TypeError(`${name} must be a function, got ${describeValue(value)}`);
  }
  return value;
}

/** An optional logger: an object with `debug` and `warn` methods. */
export function validateLogger<T>(value: T): T {
  if (value !== undefined && !hasMembers(value, { debug: "function", warn: "function" })) {
    throw new TypeError("logger must be an object with debug and warn methods");
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
 * sequence reaches a terminal or a log), cut at 100 characters; a number as written; anything else by its kind
 * only (its own `toString` is never called: it could throw or lie).
 *
 * @internal
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return quote(value.length > 100 ? `${value.slice(0, 100)}...` : value);
  if (value === null || typeof value !== "object")
    return typeof value === "function" || typeof value === "symbol" ? `a ${typeof value}` : String(value);
  return Array.isArray(value) ? "an array" : "an object";
}

/** A string quoted as JSON, with what JSON leaves raw (C1 controls, line separators, bidi) escaped too. */
export function quote(text: string): string {
  return printable(JSON.stringify(text));
}
