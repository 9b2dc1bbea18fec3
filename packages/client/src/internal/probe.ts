// What the client's core tells hooks, only when there are hooks, in as few words as it can: the probe of one logical
// call. Turning these calls into the hooks' events (src/hooks.ts, createHooks) costs nothing to an app that never
// makes hooks: a bundler drops it.
import type { PageResult } from "./page-result.js";
import type { PageQuery } from "./query.js";

export type Operation = "getExportConnections" | "iterateExportConnections";

/** One logical call's probe: every attempt, retry and page of it, then its end. */
export interface CallProbe {
  /** Attempt `attempt` (1 is the first) of `query` is about to be sent, after `waitedMs` at the client's rate budget. */
  request(attempt: number, query: PageQuery, waitedMs: number): void;
  /** The attempt ended with its page, or with what it threw (`retrying` when a retry follows). */
  response(page?: PageResult, thrown?: unknown, retrying?: boolean): void;
  /** The failed attempt is tried again after `delayMs`. */
  retry(delayMs: number): void;
  /** A page arrived. */
  page(result: PageResult): void;
  /** An iteration: its steps as they are, and its end (the last page, a break, or what it threw) told. */
  watch<T>(steps: AsyncGenerator<T, void, undefined>): AsyncGenerator<T, void, undefined>;
  /** getExportConnections: its one page, then its end, from the call's promise (left as it is for the caller). */
  settle(result: Promise<PageResult>): void;
}

/** What a probe reads of the client's resolved options. */
export interface ProbeContext {
  readonly baseUrl: string;
  readonly retry: { readonly maxRetries: number };
  readonly logger: { warn(message: string): void } | undefined;
}

/** Starts a call's probe, given the client's resolved options (its base URL, retry policy and logger). */
export type Instrument = (operation: Operation, imodelId: string, client: ProbeContext) => CallProbe;

/** Marks an Instrument made by createHooks. */
export const HOOKS = Symbol.for("@export-api/client.hooks");
