// The contenders of each comparison, in the order they run in a round. Ours first, then what it is compared with.

import { createHooks } from "@export-api/client";
import { otelTracing } from "@export-api/client/otel";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { type PageBytes, PUBLIC_HOST } from "../fixtures/page.js";
import type { Fetch } from "../fixtures/stub-fetch.js";
import { stubFetch } from "../fixtures/stub-fetch.js";
import { axiosCall } from "./axios.js";
import { jsonParseCall, responseJsonCall } from "./floors.js";
import { TIME_LIMIT_MS } from "./get-json.js";
import { heyApiCall } from "./hey-api.js";
import { kyCall } from "./ky.js";
import { openapiFetchCall } from "./openapi-fetch.js";
import { oursCall } from "./ours.js";
import { handWrittenPaging, oursPaging } from "./paging.js";
import { rawFetchCall } from "./raw-fetch.js";
import type { Call } from "./target.js";

export const OURS = "ours (@export-api/client)";
export const NO_HOOKS = "ours, no hooks";
export const BARE = "bare openapi-fetch";
export const RAW = "raw fetch + json()";
export const HAND = "hand-written fetch loop";
/** Suffix of a hand-written caller that also bounds each request as our client does (callers/get-json.ts). */
export const WITH_TIME_LIMIT = "+ time limit";

/** A contender of the harness (harness/rounds.ts) whose call resolves to the connections it read. */
export interface NamedCall {
  name: string;
  call: Call;
}

/** Per call with a stubbed fetch answering `body`: ours, its peers, and the floors. */
export function perCallContenders(body: PageBytes): NamedCall[] {
  const target = { baseUrl: PUBLIC_HOST, fetch: stubFetch(body) };
  return [
    { name: OURS, call: oursCall(target) },
    { name: BARE, call: openapiFetchCall(target) },
    { name: RAW, call: rawFetchCall(target) },
    { name: "@hey-api/client-fetch", call: heyApiCall(target) },
    { name: "ky", call: kyCall(target) },
    { name: "axios (stub adapter)", call: axiosCall(body) },
    { name: "floor: new Response(bytes).json()", call: responseJsonCall(body) },
    { name: "floor: JSON.parse(text)", call: jsonParseCall(body) },
  ];
}

/** Per call with a stubbed fetch: ours without hooks, with hooks that do nothing, and traced with OpenTelemetry. */
export function hooksContenders(body: PageBytes): NamedCall[] {
  const target = { baseUrl: PUBLIC_HOST, fetch: stubFetch(body) };
  const noop = () => {};
  const everyHook = {
    onCallStart: noop,
    onRequest: noop,
    onResponse: noop,
    onRetry: noop,
    onPage: noop,
    onCallEnd: noop,
  };
  // Spans recorded in memory, then dropped: the tracing's own cost, without an exporter's I/O.
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracing = createHooks(otelTracing({ tracerProvider: provider }), {
    onCallEnd: () => exporter.reset(),
  });
  return [
    { name: NO_HOOKS, call: oursCall(target) },
    { name: "ours + createHooks() (no hook)", call: oursCall(target, createHooks()) },
    { name: "ours + six hooks that do nothing", call: oursCall(target, createHooks(everyHook)) },
    { name: "ours + otelTracing() (in-memory spans)", call: oursCall(target, tracing) },
    { name: BARE, call: openapiFetchCall(target) },
  ];
}

/** Per call over loopback to the server at `baseUrl`, with the real fetch. */
export function loopbackContenders(baseUrl: string, fetch: Fetch = globalThis.fetch): NamedCall[] {
  const target = { baseUrl, fetch };
  return [
    { name: OURS, call: oursCall(target) },
    { name: RAW, call: rawFetchCall(target) },
    { name: `${RAW} ${WITH_TIME_LIMIT}`, call: rawFetchCall(target, TIME_LIMIT_MS) },
  ];
}

/** Paging every connection of the server at `baseUrl` with pages of `pageSize`. */
export function pagingContenders(baseUrl: string, pageSize: number): NamedCall[] {
  return [
    { name: OURS, call: oursPaging(baseUrl, pageSize) },
    { name: HAND, call: handWrittenPaging(baseUrl, pageSize) },
    { name: `${HAND} ${WITH_TIME_LIMIT}`, call: handWrittenPaging(baseUrl, pageSize, TIME_LIMIT_MS) },
  ];
}
