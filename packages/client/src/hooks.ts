// Read-only hooks: what the client does, as plain events, for metrics, logs and tracing (the `./otel` entry is built
// on them). createHooks turns sets of hooks into what the `hooks` option takes; the client's core only calls a probe
// (internal/probe.ts), so an app that makes no hooks bundles none of this. An event is a fresh object made for the
// hooks: changing it changes nothing, and no event carries a header, a body or a token (URLs carry no token: it only
// ever goes in a header; request ids and messages are redacted).
import { ExportApiError } from "./errors.js";
import { type CallProbe, HOOKS, type Instrument } from "./internal/probe.js";
import { requestUrl } from "./internal/query.js";
import { describeValue } from "./internal/validate.js";

/** The logical call an event belongs to: one per `getExportConnections()`, one per iteration. */
export interface CallInfo {
  readonly operation: "getExportConnections" | "iterateExportConnections";
  readonly imodelId: string;
}

/** An attempt is about to be sent (attempt 1 is the first; 2 the first retry). */
export interface RequestEvent {
  readonly call: CallInfo;
  readonly attempt: number;
  readonly method: "GET";
  /** The URL requested; it never carries the token. */
  readonly url: string;
}

/** What `onRequest` is told: the attempt, and how long it waited for the client's rate budget first. */
export interface RequestStartEvent extends RequestEvent {
  /** Time spent waiting out a `Retry-After` another call of this client was given, in ms (0: none). */
  readonly waitedMs: number;
}

/** An attempt ended: with a page, or with an error. */
export interface ResponseEvent extends RequestEvent {
  /** The HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** From sending the attempt to its end, body included, in ms. */
  readonly durationMs: number;
  /** The id the server gave the request (redacted), when it sent one. */
  readonly requestId: string | undefined;
  /** The error's class name (`ServerError`, `TimeoutError`, ...), when the attempt failed. */
  readonly error: string | undefined;
  /** The error's message (redacted), when the attempt failed with one of the client's errors. */
  readonly message: string | undefined;
  /** Whether a retry follows (an `onRetry` event comes next). */
  readonly retrying: boolean;
}

/** A failed attempt is retried after `delayMs`. */
export interface RetryEvent extends RequestEvent {
  /** The failed attempt's status, when a response arrived. */
  readonly status: number | undefined;
  readonly error: string;
  readonly message: string;
  /** How long the client waits before the next attempt, in ms. */
  readonly delayMs: number;
  /** What the server's `Retry-After` asked for, in ms, when it sent one. */
  readonly retryAfterMs: number | undefined;
  /** The retries the client allows per page (`maxRetries`). */
  readonly maxRetries: number;
}

/** A page arrived (page 1 is the first of the call). */
export interface PageEvent {
  readonly call: CallInfo;
  readonly page: number;
  readonly url: string;
  /** Connections on this page. */
  readonly connections: number;
  readonly requestId: string | undefined;
  /** Whether the page links to a next one. */
  readonly hasNext: boolean;
}

/** A call ended: every page read, the iteration stopped early, or it failed. */
export interface CallEndEvent {
  readonly call: CallInfo;
  readonly durationMs: number;
  readonly pages: number;
  readonly connections: number;
  /** The error's class name, when the call failed (an abort is `AbortError`). */
  readonly error: string | undefined;
}

/**
 * Functions the client calls as it works (each optional). They see a redacted view and cannot change what the client
 * does: a hook that throws, or returns a promise that rejects, is reported through the `logger` and ignored.
 */
export interface ExportClientHooks {
  onCallStart?(call: CallInfo): void;
  onRequest?(event: RequestStartEvent): void;
  onResponse?(event: ResponseEvent): void;
  onRetry?(event: RetryEvent): void;
  onPage?(event: PageEvent): void;
  onCallEnd?(event: CallEndEvent): void;
}

/** What the `hooks` option takes: sets of hooks joined by createHooks. */
export type Hooks = Instrument & { readonly [HOOKS]: true };

const HOOK_NAMES = ["onCallStart", "onRequest", "onResponse", "onRetry", "onPage", "onCallEnd"] as const;
type HookName = (typeof HOOK_NAMES)[number];

/**
 * Joins sets of hooks (yours, `otelTracing()`'s, ...) into the client's `hooks` option. Each set is checked now: an
 * object whose members are hooks (a misspelt name is refused) given as functions. When the client runs, every set
 * sees every event, in the order given; a hook that throws, or returns a promise that rejects, is reported through
 * the client's logger by the hook's name and the error's class only, and ignored.
 */
export function createHooks(...sets: ExportClientHooks[]): Hooks {
  for (const set of sets) {
    if (typeof set !== "object" || set === null) {
      throw new TypeError(`createHooks takes objects of hooks, got ${describeValue(set)}`);
    }
    for (const [name, hook] of Object.entries(set)) {
      if (!(HOOK_NAMES as readonly string[]).includes(name)) {
        throw new TypeError(`${describeValue(name)} is not a hook; the hooks are ${HOOK_NAMES.join(", ")}`);
      }
      if (hook !== undefined && typeof hook !== "function") {
        throw new TypeError(`hooks.${name} must be a function, got ${describeValue(hook)}`);
      }
    }
  }
  const instrument: Instrument = (operation, imodelId, client) => {
    const emit = (name: HookName, event: unknown) => {
      const fail = (error: unknown) => client.logger?.warn(`hooks.${name} failed (${nameOf(error)}); ignored`);
      for (const set of sets) {
        try {
          const returned: unknown = (set[name] as ((event: unknown) => unknown) | undefined)?.call(set, event);
          if (returned instanceof Promise) returned.catch(fail);
        } catch (error) {
          fail(error);
        }
      }
    };
    const call: CallInfo = freeze({ operation, imodelId });
    const started = Date.now();
    let pages = 0;
    let connections = 0;
    // The attempt under way: what onResponse and onRetry repeat of it.
    let sent: RequestEvent;
    let sentAt = 0;
    let failed: ExportApiError | undefined;
    emit("onCallStart", call);
    /** The call ended: after its last page or a break (no argument), or with what it threw (`[thrown]`). */
    const end = (failure?: [unknown]) =>
      emit(
        "onCallEnd",
        freeze({
          call,
          durationMs: Date.now() - started,
          pages,
          connections,
          error: failure && nameOf(failure[0]),
        }),
      );
    const probe: CallProbe = {
      request(attempt, query, waitedMs) {
        sent = freeze({ call, attempt, method: "GET", url: requestUrl(client.baseUrl, query) });
        sentAt = Date.now();
        emit("onRequest", freeze({ ...sent, waitedMs }));
      },
      response(page, thrown, retrying = false) {
        failed = thrown instanceof ExportApiError ? thrown : undefined;
        emit(
          "onResponse",
          freeze({
            ...sent,
            status: page ? page.response.status : failed?.status,
            durationMs: Date.now() - sentAt,
            requestId: page ? page.requestId : failed?.requestId,
            error: page ? undefined : nameOf(thrown),
            message: failed?.message,
            retrying,
          }),
        );
      },
      retry(delayMs) {
        const error = failed!;
        emit(
          "onRetry",
          freeze({
            ...sent,
            status: error.status,
            error: error.name,
            message: error.message,
            delayMs,
            retryAfterMs: error.retryAfterMs,
            maxRetries: client.retry.maxRetries,
          }),
        );
      },
      page({ data, requestId }) {
        pages++;
        connections += data.connections.length;
        const hasNext = Boolean(data._links?.next?.href);
        emit(
          "onPage",
          freeze({ call, page: pages, url: sent.url, connections: data.connections.length, requestId, hasNext }),
        );
      },
      settle(result) {
        result.then(
          (page) => {
            probe.page(page);
            end();
          },
          (error) => end([error]),
        );
      },
      async *watch(steps) {
        let failure: [unknown] | undefined;
        try {
          yield* steps;
        } catch (error) {
          failure = [error];
          throw error;
        } finally {
          end(failure);
        }
      },
    };
    return probe;
  };
  return Object.assign(instrument, { [HOOKS]: true as const });
}

/** An error's class name as events give it (`TimeoutError`, an abort's `AbortError`), or what else was thrown. */
function nameOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.name : typeof thrown;
}

const freeze = Object.freeze;
