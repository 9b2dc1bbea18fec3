// recordUsage: one recorder per consumer and test file (or per suite), putting the parts together: the recording
// fetch sees the wire, the wrapped client sees the code's reads and the errors it receives, each filed under the test
// file running at that moment, and write() merges them into the consumer's contract.

import { isAbsolute, join, resolve } from "node:path";
import {
  type CustomFetch,
  createExportClient,
  ExportApiError,
  type ExportClient,
  type ExportClientOptions,
  VERSION,
} from "@export-api/client";
import { redactToken } from "@export-api/client/internal";
import { buildInteractions, type RecordedExchange, type SourceRecord, sourceMetadata } from "./internal/build.js";
import { type AnyFetch, recordingFetch } from "./internal/exchanges.js";
import { ITEM, type Segment } from "./internal/paths.js";
import { sourceName, testContext } from "./internal/test-context.js";
import { createTracker, type Tracker } from "./internal/track.js";
import { USAGE_VERSION } from "./internal/version.js";
import { wrapClient } from "./internal/wrap-client.js";
import { type SourcePart, type WriteContractResult, writeContract } from "./internal/write-contract.js";

export interface RecordUsageOptions {
  /**
   * The consuming team (or application): the contract's `consumer` and its file name, `<dir>/<consumer>.json`.
   * Lower-case letters, digits and dashes, starting with a letter or a digit, at most 64 characters.
   */
  consumer: string;
  /** The folder the contract is written to, relative to `root` (or absolute). Default `"pacts"`. */
  dir?: string | undefined;
  /** The project folder: `dir` and the test files' names are relative to it. Default `process.cwd()`. */
  root?: string | undefined;
  /**
   * `true` (the default): `write()` rewrites the contract. `false`: `write()` only checks that the contract on disk
   * already says what the tests recorded, and rejects with a `ContractOutdatedError` listing the difference (for CI,
   * where a stale committed contract should fail the build rather than be rewritten).
   */
  update?: boolean | undefined;
  /**
   * The test file every request is filed under: `import.meta.url` or `__filename`. Needed only for suites not run
   * by vitest or jest; under them, by default, each request is filed under the test file running it.
   */
  source?: string | undefined;
}

export interface WriteUsageResult {
  /** The contract file, absolute. */
  file: string;
  /** Interactions in the whole contract (every test file's), after the write. */
  interactions: number;
  /** Whether the file changed (with `update: false`: always `false`, or the write rejected). */
  changed: boolean;
}

export interface UsageRecorder {
  /** The consumer the contract is for. */
  readonly consumer: string;
  /** The contract file, absolute: `<root>/<dir>/<consumer>.json`. */
  readonly file: string;
  /**
   * `createExportClient(options)` from `@export-api/client`, recording: every request goes through the recorder's
   * fetch (then through `options.fetch`, or the global fetch, so MSW still answers), and every page and connection
   * the client returns shows the recorder which fields the code reads.
   */
  createExportClient(options?: ExportClientOptions): ExportClient;
  /**
   * The recording fetch alone, for code that creates its client itself: pass it as the client's `fetch` option
   * (and the client to `wrap`). It sends through the global fetch, looked up on every call.
   */
  readonly fetch: CustomFetch;
  /** A client created with `fetch: recorder.fetch`, wrapped to record the fields read and the errors met. */
  wrap<T extends ExportClient>(client: T): T;
  /**
   * Merges what this recorder saw into the contract: the interactions of each test file it recorded replace that
   * file's part; other test files' parts stay. Safe from parallel workers. Call it once the tests are done
   * (`afterAll(() => usage.write())`); calling it again writes the same.
   */
  write(): Promise<WriteUsageResult>;
}

const CONSUMER = /^[a-z0-9][a-z0-9-]{0,63}$/;
const PAGE: readonly Segment[] = [];
const CONNECTION: readonly Segment[] = ["connections", ITEM];

/**
 * A recorder of what the code under test does with the Export API client: the parameters and values it sends, the
 * statuses and error classes it meets, the response fields it reads. `write()` puts it into a Pact V4 contract.
 * Throws a `TypeError` naming a bad option, or when it cannot tell which test file runs (give `source`).
 */
export function recordUsage(options: RecordUsageOptions): UsageRecorder {
  if (typeof options !== "object" || options === null) throw new TypeError("recordUsage needs { consumer }");
  if (typeof options.consumer !== "string" || !CONSUMER.test(options.consumer)) {
    throw new TypeError(
      `consumer must be lower-case letters, digits and dashes (at most 64, starting with a letter or digit), got ${JSON.stringify(options.consumer)}`,
    );
  }
  for (const name of ["dir", "root", "source"] as const) {
    const value = options[name];
    if (value !== undefined && (typeof value !== "string" || value === "")) {
      throw new TypeError(`${name} must be a non-empty string, got ${JSON.stringify(value)}`);
    }
  }
  if (options.update !== undefined && typeof options.update !== "boolean") {
    throw new TypeError(`update must be true or false, got ${JSON.stringify(options.update)}`);
  }
  const consumer = options.consumer;
  const root = resolve(options.root ?? process.cwd());
  const dir = options.dir ?? "pacts";
  const file = join(isAbsolute(dir) ? dir : join(root, dir), `${consumer}.json`);
  const fallback = options.source ?? testContext().testPath;
  if (fallback === undefined) {
    throw new TypeError(
      "recordUsage cannot tell which test file runs (not under vitest or jest): pass { source: import.meta.url }",
    );
  }

  const records = new Map<string, SourceRecord>();
  const recordOf = (source: string) => {
    let record = records.get(source);
    if (!record) {
      record = {
        source,
        exchanges: [],
        looseReads: new Set(),
        looseEnumerates: new Set(),
        calls: new Set(),
        errors: new Map(),
      };
      records.set(source, record);
    }
    return record;
  };
  const current = () => {
    const context = testContext();
    return {
      record: recordOf(sourceName(options.source ?? context.testPath ?? fallback, root)),
      testName: context.testName,
    };
  };
  current(); // The test file creating the recorder owns a part even if it sends nothing: its old part goes.

  const secrets = new Set<string>();
  const basePaths = new Set<string>();
  let order = 0;

  // Each page's reads go to the exchange it came in; a page whose response the recorder did not see (a client
  // wrapped without the recorder's fetch) files them under the running test file, for all its pages.
  const exchangeOf = new WeakMap<Response, RecordedExchange>();
  const trackers = new WeakMap<RecordedExchange, Tracker>();
  const loose = createTracker({
    read: (path) => current().record.looseReads.add(path),
    enumerate: (path) => current().record.looseEnumerates.add(path),
  });
  const trackerOf = (response: Response, call: string): Tracker => {
    const exchange = exchangeOf.get(response);
    if (!exchange) return loose;
    exchange.calls.add(call);
    let tracker = trackers.get(exchange);
    if (!tracker) {
      tracker = createTracker({
        read: (path) => exchange.reads.add(path),
        enumerate: (path) => exchange.enumerates.add(path),
      });
      trackers.set(exchange, tracker);
    }
    return tracker;
  };

  const apiPath = (url: string) => {
    const parsed = new URL(url);
    for (const base of [...basePaths].sort((a, b) => b.length - a.length)) {
      const prefix = new URL(base);
      const path = prefix.pathname.replace(/\/$/, "");
      if (parsed.origin === prefix.origin && path !== "" && parsed.pathname.startsWith(`${path}/`)) {
        return parsed.pathname.slice(path.length);
      }
    }
    return parsed.pathname;
  };

  const recordingVia = (next: () => AnyFetch): CustomFetch =>
    recordingFetch(next, {
      exchange(exchange) {
        const { record, testName } = current();
        record.exchanges.push(
          Object.assign(exchange, {
            path: apiPath(exchange.url),
            testName,
            order: order++,
            reads: new Set<string>(),
            enumerates: new Set<string>(),
            sdkReads: new Set<string>(),
            calls: new Set<string>(),
          }),
        );
      },
      responded(response, exchange) {
        exchangeOf.set(response, exchange as RecordedExchange);
      },
      secret(secret) {
        secrets.add(secret);
      },
    });

  const wrap = <T extends ExportClient>(client: T): T => {
    if (typeof client?.getExportConnections !== "function" || typeof client.iterateExportConnections !== "function") {
      throw new TypeError("wrap needs a client made by createExportClient from @export-api/client");
    }
    basePaths.add(client.baseUrl);
    return wrapClient(client, {
      called: (call) => current().record.calls.add(call),
      page: (data, response, call) => {
        // Paging follows each page's next link: the code depends on it through the SDK.
        if (call.startsWith("iterateExportConnections")) exchangeOf.get(response)?.sdkReads.add("_links.next.href");
        return trackerOf(response, call).track(data, PAGE);
      },
      connection: (data, response, call) => trackerOf(response, call).track(data, CONNECTION),
      failed: (error) => {
        if (!(error instanceof ExportApiError)) return;
        current().record.errors.set(`${error.name} ${error.status}`, { name: error.name, status: error.status });
      },
    });
  };

  const fetch = recordingVia(() => globalThis.fetch as AnyFetch);

  return {
    consumer,
    file,
    fetch,
    wrap,
    createExportClient(clientOptions: ExportClientOptions = {}) {
      const inner = clientOptions.fetch as AnyFetch | undefined;
      return wrap(
        createExportClient({ ...clientOptions, fetch: recordingVia(() => inner ?? (globalThis.fetch as AnyFetch)) }),
      );
    },
    async write() {
      const context = {
        sdk: `@export-api/client ${VERSION}`,
        recorder: `@export-api/usage ${USAGE_VERSION}`,
        scrub: (text: string) => [...secrets].reduce((scrubbed, secret) => redactToken(scrubbed, secret), text),
      };
      const parts = new Map<string, SourcePart>();
      for (const [source, record] of records) {
        parts.set(source, {
          interactions: buildInteractions(record, context),
          metadata: sourceMetadata(record, context),
        });
      }
      const result: WriteContractResult = await writeContract({
        file,
        consumer,
        root,
        update: options.update ?? true,
        parts,
        recorder: context.recorder,
        secrets,
      });
      return result;
    },
  };
}
