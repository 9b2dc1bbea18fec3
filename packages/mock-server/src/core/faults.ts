// Faults: what the mock plays on demand instead of (or on top of) its normal answer. One discriminated type for
// the JS API, the HTTP control path and the CLI, checked by one function that names the field at fault.
import { isImodelId } from "@export-api/types";
import { PLAYABLE_STATUSES } from "./errors.js";

/** Which requests a fault applies to, and how many times. */
export interface FaultScope {
  /** Requests it applies to; `Infinity` for every one. Default 1. */
  times?: number;
  /** Only requests for this iModel (its `imodelId` query parameter, any case). Default: every request. */
  imodelId?: string;
}

/** A status the spec documents (401, 403, 404, 422, 429), or a server error (500, 502, 503, 504). */
export type FaultStatus = 401 | 403 | 404 | 422 | 429 | 500 | 502 | 503 | 504;

/** Answers `status` with the spec's example error body (the mock's own `{ error }` for 5xx). */
export interface StatusFault extends FaultScope {
  kind?: "status";
  status: FaultStatus;
  /** `Retry-After` of a 429 or 503: whole seconds (0 allowed), or an HTTP date (a `Date` or a date string). 429 sends 0 without it. */
  retryAfter?: number | string | Date;
}

/** Waits `ms` before the headers of the normal answer. */
export interface DelayFault extends FaultScope {
  kind: "delay";
  ms: number;
}

/** Sends the normal answer's body in 10 parts, `chunkDelayMs` (default 100) apart. */
export interface SlowBodyFault extends FaultScope {
  kind: "slow-body";
  chunkDelayMs?: number;
}

/** An HTML error page, as a proxy or gateway sends it; `status` default 502. */
export interface HtmlErrorFault extends FaultScope {
  kind: "html-error";
  status?: number;
}

/** An error body that repeats the request's `Authorization` value (to prove a client redacts it); `status` default 401. */
export interface EchoAuthorizationFault extends FaultScope {
  kind: "echo-authorization";
  status?: number;
}

/** The faults that take no option of their own. */
export interface PlainFault extends FaultScope {
  kind:
    | "stall"
    | "reset-before-headers"
    | "reset-after-headers"
    | "truncated-body"
    | "not-json"
    | "wrong-content-type"
    | "wrong-shape"
    | "empty-pages"
    | "next-repeats"
    | "next-goes-back";
}

export type Fault = StatusFault | DelayFault | SlowBodyFault | HtmlErrorFault | EchoAuthorizationFault | PlainFault;
export type FaultKind = NonNullable<Fault["kind"]>;

/** A checked fault: `kind` always set, `times` and `imodelId` normalised, `retryAfter` as the header's text. */
export type CheckedFault = (
  | (Omit<StatusFault, "retryAfter"> & { kind: "status"; retryAfter?: string })
  | DelayFault
  | (SlowBodyFault & { chunkDelayMs: number })
  | (HtmlErrorFault & { status: number })
  | (EchoAuthorizationFault & { status: number })
  | PlainFault
) & { times: number; imodelId?: string };

const SCOPE = ["kind", "times", "imodelId"];

/** Each kind and the fields it takes besides `kind`, `times` and `imodelId`. */
const FIELDS: Record<FaultKind, readonly string[]> = {
  status: ["status", "retryAfter"],
  delay: ["ms"],
  stall: [],
  "slow-body": ["chunkDelayMs"],
  "reset-before-headers": [],
  "reset-after-headers": [],
  "truncated-body": [],
  "not-json": [],
  "html-error": ["status"],
  "wrong-content-type": [],
  "wrong-shape": [],
  "empty-pages": [],
  "next-repeats": [],
  "next-goes-back": [],
  "echo-authorization": ["status"],
};

export const FAULT_KINDS = Object.keys(FIELDS) as FaultKind[];

/** The longest wait a fault may ask for: what a timer can hold (about 24.8 days). */
const MAX_MS = 2 ** 31 - 1;
/** Checks a fault a caller handed us; throws a TypeError or RangeError naming the field. */
export function validateFault(value: unknown): CheckedFault {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`fault must be an object, got ${describe(value)}`);
  }
  const fault = value as Record<string, unknown>;
  const kind = fault.kind ?? "status";
  // Own keys only: `in` (or FIELDS[kind]) would also find `constructor`, `__proto__`, `toString`, ... on any object.
  if (typeof kind !== "string" || !Object.hasOwn(FIELDS, kind)) {
    throw new TypeError(`fault.kind must be one of ${FAULT_KINDS.join(", ")}, got ${describe(fault.kind)}`);
  }
  const known = [...SCOPE, ...FIELDS[kind as FaultKind]];
  for (const field of Object.keys(fault)) {
    if (!known.includes(field)) {
      throw new TypeError(`fault.${field} is not a field of a ${kind} fault (it takes ${known.join(", ")})`);
    }
  }
  const scope = validateScope(fault);
  switch (kind as FaultKind) {
    case "status": {
      const status = fault.status;
      if (!PLAYABLE_STATUSES.includes(status as number)) {
        throw new RangeError(`fault.status must be one of ${PLAYABLE_STATUSES.join(", ")}, got ${describe(status)}`);
      }
      const checked = { kind: "status", status: status as FaultStatus, ...scope } as const;
      if (fault.retryAfter === undefined) return checked;
      if (status !== 429 && status !== 503) {
        throw new RangeError(`fault.retryAfter is for status 429 or 503, not ${status}`);
      }
      return { ...checked, retryAfter: validateRetryAfter(fault.retryAfter) };
    }
    case "delay":
      return { kind: "delay", ms: validateMs(fault.ms, "fault.ms"), ...scope };
    case "slow-body":
      return { kind: "slow-body", chunkDelayMs: validateMs(fault.chunkDelayMs ?? 100, "fault.chunkDelayMs"), ...scope };
    case "html-error":
      return { kind: "html-error", status: validateErrorStatus(fault.status ?? 502), ...scope };
    case "echo-authorization":
      return { kind: "echo-authorization", status: validateErrorStatus(fault.status ?? 401), ...scope };
    default:
      return { kind: kind as PlainFault["kind"], ...scope };
  }
}

function validateScope(fault: Record<string, unknown>): { times: number; imodelId?: string } {
  const times = fault.times ?? 1;
  if (
    typeof times !== "number" ||
    !(times === Number.POSITIVE_INFINITY || (Number.isSafeInteger(times) && times > 0))
  ) {
    throw new RangeError(`fault.times must be a positive integer or Infinity, got ${describe(fault.times)}`);
  }
  if (fault.imodelId === undefined) return { times };
  if (!isImodelId(fault.imodelId)) {
    throw new TypeError(`fault.imodelId must be a GUID, got ${describe(fault.imodelId)}`);
  }
  return { times, imodelId: fault.imodelId.toLowerCase() };
}

function validateMs(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_MS) {
    throw new RangeError(`${name} must be an integer number of ms from 0 to ${MAX_MS}, got ${describe(value)}`);
  }
  return value;
}

function validateErrorStatus(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 400 || value > 599) {
    throw new RangeError(`fault.status must be an error status from 400 to 599, got ${describe(value)}`);
  }
  return value;
}

/** `Retry-After` as sent: whole seconds, or an IMF-fixdate (`Wed, 21 Oct 2015 07:28:00 GMT`). */
function validateRetryAfter(value: unknown): string {
  // Digits are seconds, also as text (the control path's JSON, the CLI's --retry-after).
  if (typeof value === "string" && /^[0-9]+$/.test(value)) return validateRetryAfter(Number(value));
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`fault.retryAfter must be whole seconds (0 or more) or an HTTP date, got ${value}`);
    }
    return String(value);
  }
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new TypeError(`fault.retryAfter must be whole seconds (0 or more) or an HTTP date, got ${describe(value)}`);
  }
  return date.toUTCString();
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value == null) return String(value);
  return Array.isArray(value) ? "an array" : typeof value;
}
