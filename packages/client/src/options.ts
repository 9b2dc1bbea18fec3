// The client's options: their types, their defaults, and resolveClientOptions, the one step that checks them.
// createExportClient resolves once; the attempt and the retry loop each receive the resolved object, never the
// caller's.
import { SERVER_URL } from "@export-api/types";
import type { Hooks } from "./hooks.js";
import { validateBaseUrl } from "./internal/base-url.js";
import { RateBudget } from "./internal/budget.js";
import { type Clock, systemClock } from "./internal/clock.js";
import { envLogger } from "./internal/log.js";
import { HOOKS, type Instrument } from "./internal/probe.js";
import type { RetryPolicy } from "./internal/retry.js";
import { type AccessToken, validateAccessToken } from "./internal/token.js";
import { userAgent } from "./internal/user-agent.js";
import { MAX_DELAY_MS, validateFunction, validateInteger, validateLogger } from "./internal/validate.js";

/** True in the browser build (src/internal/user-agent.ts says more). */
declare const __BROWSER__: boolean;

export type { AccessToken };

/** The API's address, `SERVER_URL` of the spec (`servers[0].url`): `https://api.bentley.com`. */
export const DEFAULT_BASE_URL: string = SERVER_URL;

/** A fetch the client may be given: called with the request and the attempt's signal. */
export type CustomFetch = (request: Request, init: { signal: AbortSignal }) => Promise<Response>;

/** Where the client reports what it does. Messages never contain a header or a token. */
export interface Logger {
  debug(message: string): void;
  warn(message: string): void;
}

export interface ExportClientOptions {
  /**
   * Access token with `itwin-platform` scope (with or without a `Bearer ` prefix), or a function returning one,
   * awaited before every attempt so a refreshed token is used. Sent only to `baseUrl`. Default: none.
   */
  accessToken?: AccessToken | undefined;
  /** Absolute http(s) URL of the API, optionally with a path prefix. Default `https://api.bentley.com`. */
  baseUrl?: string | undefined;
  /**
   * A fetch implementation. Default `globalThis.fetch`. It is called with a `Request` and `{ signal }`, the
   * attempt's signal (aborted when `timeoutMs` passes or the caller aborts): pass it on, e.g.
   * `(request, init) => fetch(request, init)`, so a timed-out request is cancelled. The time limit and the abort
   * hold either way.
   */
  fetch?: CustomFetch | undefined;
  /** Retries after the first attempt for 408, 429, 5xx, timeouts and connection errors. Default 2. */
  maxRetries?: number | undefined;
  /** Time limit of each attempt in ms, including reading the body. Default 60 000. */
  timeoutMs?: number | undefined;
  /** The longest `Retry-After` (429, 503) the client will wait, in ms; a longer one fails at once. Default 60 000. */
  maxRetryAfterMs?: number | undefined;
  /** Backoff before the first retry when the server gives no `Retry-After`, in ms; doubles per retry. Default 500. */
  retryBaseDelayMs?: number | undefined;
  /**
   * Receives a debug line per attempt and a warn line per retry; never a header or a token. Default: silent, unless
   * the `EXPORT_API_LOG` environment variable (`debug`, `info` or `warn`) sends the same lines to stderr.
   */
  logger?: Logger | undefined;
  /**
   * Read-only hooks, made with `createHooks({ onRequest, onResponse, onRetry, onPage, ... })`: told of every call,
   * attempt, retry and page, with a redacted view (`@export-api/client/otel` is built on them). A hook that throws
   * is reported through the logger and ignored. Default: none.
   */
  hooks?: Hooks | undefined;
}

/** The options, checked once and completed with their defaults (see each option): what the client's parts read. */
export interface ResolvedClientOptions {
  readonly baseUrl: string;
  readonly accessToken: AccessToken | undefined;
  /** The caller's own fetch, or `undefined` for the global one. */
  readonly fetch: CustomFetch | undefined;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  /** The hooks, as the probe each call starts (createHooks made it); `undefined` without hooks. */
  readonly hooks: Instrument | undefined;
  /** The caller's logger made harmless (see safeLogger), or `undefined`. */
  readonly logger: Logger | undefined;
  /** The User-Agent to send, or `undefined` where the runtime sets its own (browsers). */
  readonly userAgent: string | undefined;
  /** Chance and waiting: the system's in the client, a controlled one in tests. */
  readonly clock: Clock;
  /** The client's one rate budget, shared by all its calls (internal/budget.ts). */
  readonly budget: RateBudget;
}

/**
 * Checks every option once, in the order they are declared, and fills in the defaults. Throws a `TypeError` or
 * `RangeError` naming the first bad option; a token is never echoed.
 */
export function resolveClientOptions(options: ExportClientOptions = {}): ResolvedClientOptions {
  return {
    baseUrl: validateBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL),
    accessToken: validateAccessToken(options.accessToken),
    fetch: validateFunction(options.fetch, "fetch"),
    timeoutMs: validateInteger(options.timeoutMs, "timeoutMs", 1, MAX_DELAY_MS, 60_000),
    retry: retryPolicy(options),
    // The browser build has no environment to read.
    logger: safeLogger(validateLogger(options.logger) ?? (__BROWSER__ ? undefined : envLogger())),
    hooks: validateHooks(options.hooks),
    userAgent: userAgent(),
    clock: systemClock,
    budget: new RateBudget(),
  };
}

/** The retry options, checked, with their defaults: 2 retries, 500 ms doubling up to 8 s, Retry-After up to 60 s. */
function retryPolicy(options: ExportClientOptions): RetryPolicy {
  const baseDelayMs = validateInteger(options.retryBaseDelayMs, "retryBaseDelayMs", 0, MAX_DELAY_MS, 500);
  return {
    maxRetries: validateInteger(options.maxRetries, "maxRetries", 0, Number.MAX_SAFE_INTEGER, 2),
    baseDelayMs,
    // A base delay above the cap is taken as the cap itself: the first wait is never cut below what was asked.
    maxDelayMs: Math.max(8_000, baseDelayMs),
    maxRetryAfterMs: validateInteger(options.maxRetryAfterMs, "maxRetryAfterMs", 0, MAX_DELAY_MS, 60_000),
  };
}

/**
 * The caller's logger, made harmless: a logger that throws (or returns a promise that rejects) must not turn a
 * good answer into a failure, nor leave an unhandled rejection behind.
 */
function safeLogger(logger: Logger | undefined): Logger | undefined {
  if (!logger) return undefined;
  const call = (method: "debug" | "warn", message: string) => {
    try {
      // A returned promise that rejects is caught too (Promise.resolve of anything else is harmless).
      Promise.resolve(logger[method](message)).catch(() => {});
    } catch {
      // A broken logger loses its line, not the call.
    }
  };
  return { debug: (message) => call("debug", message), warn: (message) => call("warn", message) };
}

/**
 * What createHooks made, and nothing else: a plain object of hooks, or a function of one's own (which the client
 * would call as a probe and get nothing from), is refused rather than ignored.
 */
function validateHooks(value: Hooks | undefined): Hooks | undefined {
  const hooks = validateFunction(value, "hooks");
  if (hooks !== undefined && hooks[HOOKS] !== true) {
    throw new TypeError("hooks must be made by createHooks(), got a function of its own");
  }
  return hooks;
}
