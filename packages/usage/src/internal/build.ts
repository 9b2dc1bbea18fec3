// What one test file recorded, as Pact V4 interactions. Each distinct request the code sent (its parameters and
// values, whether it carried a token) with each status it got is one interaction; its response holds only what the
// code (and the SDK, for it) reads, with matchers instead of the recorded values: type matchers, regular expressions
// for ids and links, the token never (the request's Authorization is a placeholder and a regular expression).
import { createHash } from "node:crypto";
import { printable, REDACTED, readInteger, validateInteger } from "@export-api/client/internal";
import { IMODEL_ID_PATTERN, isImodelId, SERVER_URL, SKIP_MAX, SKIP_MIN, TOP_MAX, TOP_MIN } from "@export-api/types";
import { PROVIDER_STATES, USAGE_KEY } from "./contract.js";
import type { Exchange } from "./exchanges.js";
import { condense, ITEM, jsonPath, parsePath, type Segment } from "./paths.js";

/** An exchange as the recorder filed it: under the test that made it, with what the code did with its page. */
export interface RecordedExchange extends Exchange {
  /** The request path below the client's base URL: `/export/connections`. */
  path: string;
  testName: string | undefined;
  /** The order it was recorded in, across the whole recorder. */
  order: number;
  /** Fields of its page the code read. */
  reads: Set<string>;
  /** Objects and arrays of its page whose keys the code listed. */
  enumerates: Set<string>;
  /** Fields of its page the SDK read for the code (the next link, when paging). */
  sdkReads: Set<string>;
  /** The client calls that fetched it. */
  calls: Set<string>;
}

/** Everything one test file recorded. */
export interface SourceRecord {
  source: string;
  exchanges: RecordedExchange[];
  /** Reads of pages whose response the recorder did not see (a client without its fetch): every page's. */
  looseReads: Set<string>;
  looseEnumerates: Set<string>;
  /** Every client call of the test file. */
  calls: Set<string>;
  /** The errors the code received, `name` and `status` (`undefined` without a response). */
  errors: Map<string, { name: string; status: number | undefined }>;
}

interface Scrub {
  scrub(text: string): string;
}

export interface BuildContext extends Scrub {
  /** `@export-api/client <version>`: the SDK the code used. */
  sdk: string;
  /** `@export-api/usage <version>`. */
  recorder: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Rules = Record<string, { combine: "AND"; matchers: Record<string, unknown>[] }>;

const ID_KEYS = /^(id|[A-Za-z]+Id)$/;
const LINK = "^https?://\\S+$";
const ANY_ID = "^.+$";
const BEARER = "^Bearer \\S+$";

/** The interactions of one test file, sorted by description. */
export function buildInteractions(record: SourceRecord, context: BuildContext): Record<string, unknown>[] {
  const groups = new Map<string, { description: string; exchanges: RecordedExchange[] }>();
  for (const exchange of record.exchanges) {
    if (exchange.status === undefined) continue;
    if (isSuccess(exchange.status) && pageOf(exchange) === undefined) continue; // not a page: the client threw
    const description = describe(exchange);
    const group = groups.get(description) ?? { description, exchanges: [] };
    group.exchanges.push(exchange);
    groups.set(description, group);
  }
  return [...groups.values()]
    .sort((a, b) => (a.description < b.description ? -1 : a.description > b.description ? 1 : 0))
    .map((group) => interaction(group.description, group.exchanges, record, context));
}

/** The `metadata.exportApiUsage.sources` entry of one test file: what no interaction can hold. */
export function sourceMetadata(record: SourceRecord, context: BuildContext): Record<string, Json> {
  const withoutResponse = [...record.errors.values()].filter((error) => error.status === undefined);
  return {
    sdk: context.sdk,
    calls: [...record.calls].sort(),
    errorsWithoutResponse: [...new Set(withoutResponse.map((error) => error.name))].sort(),
  };
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** The body of a 2xx exchange when it is a page the client accepted (`connections` an array of objects). */
function pageOf(exchange: Exchange): Record<string, Json> | undefined {
  const body = parseJson(exchange.body);
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const connections = (body as Record<string, Json>).connections;
  if (!Array.isArray(connections) || connections.some((c) => typeof c !== "object" || c === null)) return undefined;
  return body as Record<string, Json>;
}

function parseJson(text: string | undefined): Json | undefined {
  if (text === undefined || text === "") return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/** The query of a URL as sent: each parameter's values in order, parameters in the order they first appear. */
function queryOf(url: string): Map<string, string[]> {
  const query = new Map<string, string[]>();
  for (const [name, value] of new URL(url).searchParams) query.set(name, [...(query.get(name) ?? []), value]);
  return query;
}

/**
 * The description of an exchange, which is also what makes two exchanges the same interaction: the method, path and
 * every parameter with its value (a valid iModel id shown as `{imodelId}`: any one will do), whether a token went
 * with it, and the status.
 */
function describe(exchange: RecordedExchange): string {
  const parameters = [...queryOf(exchange.url)].flatMap(([name, values]) =>
    values.map((value) => (name === "imodelId" && isImodelId(value) ? "imodelId={imodelId}" : `${name}=${value}`)),
  );
  const query = parameters.length > 0 ? `?${parameters.join("&")}` : "";
  const token = exchange.authorization ? "" : " without a token";
  return printable(`${exchange.method} ${exchange.path}${query}${token} -> ${exchange.status}`);
}

/**
 * Whether the request alone explains a 4xx (so replaying it needs no provider state): no token for a 401, or a
 * parameter the spec refuses for a 422.
 */
function explainedByRequest(exchange: Exchange): boolean {
  if (exchange.status === 401) return exchange.authorization === undefined;
  if (exchange.status !== 422) return false;
  const query = queryOf(exchange.url);
  const once = (name: string) => (query.get(name)?.length ?? 0) <= 1;
  const integer = (name: string, min: number, max: number) => {
    const value = query.get(name)?.[0];
    try {
      validateInteger(readInteger(value, name), name, min, max);
      return true;
    } catch {
      return false;
    }
  };
  const valid =
    [...query.keys()].every(once) &&
    isImodelId(query.get("imodelId")?.[0]) &&
    integer("$top", TOP_MIN, TOP_MAX) &&
    integer("$skip", SKIP_MIN, SKIP_MAX);
  return !valid;
}

function interaction(
  description: string,
  exchanges: RecordedExchange[],
  record: SourceRecord,
  context: BuildContext,
): Record<string, unknown> {
  // The same example whatever order concurrent requests arrived in: the smallest iModel id, then the first sent.
  const sorted = [...exchanges].sort((a, b) => {
    const [idA, idB] = [queryOf(a.url).get("imodelId")?.[0] ?? "", queryOf(b.url).get("imodelId")?.[0] ?? ""];
    return idA < idB ? -1 : idA > idB ? 1 : a.order - b.order;
  });
  const example = sorted[0] as RecordedExchange;
  const status = example.status as number;
  const query = queryOf(example.url);
  const imodelId = query.get("imodelId")?.[0];
  const success = isSuccess(status);

  const union = (pick: (exchange: RecordedExchange) => Set<string>, loose: Set<string> = new Set()) => [
    ...loose,
    ...exchanges.flatMap((exchange) => [...pick(exchange)]),
  ];
  const allReads = success ? union((exchange) => exchange.reads, record.looseReads) : [];
  const reads = condense(allReads);
  const enumerates = success
    ? condense(
        union((exchange) => exchange.enumerates, record.looseEnumerates),
        true,
      )
    : [];
  const sdkReads = success ? condense(["connections", ...union((exchange) => exchange.sdkReads)]) : [];
  const calls = [...new Set(union((exchange) => exchange.calls))].sort();
  const errors = [...record.errors.values()].filter((error) => error.status === status).map((error) => error.name);
  const tests = [...new Set(exchanges.map((exchange) => exchange.testName).filter((name) => name !== undefined))];
  tests.sort();

  const full = `${description} (${record.source})`;
  const comments = {
    text: [
      `Recorded from ${record.source} by ${context.recorder}, with ${context.sdk}.`,
      ...(success
        ? [
            reads.length > 0 ? `The code reads ${reads.join(", ")}.` : "The code reads no field of the page.",
            ...(enumerates.length > 0
              ? [`It lists every field of ${enumerates.join(", ")} (a spread, JSON.stringify or Object.keys).`]
              : []),
            `The SDK reads ${sdkReads.join(", ")} for it.`,
          ]
        : []),
      ...(errors.length > 0 ? [`The code receives ${[...new Set(errors)].sort().join(", ")}.`] : []),
      ...(calls.length > 0 ? [`Sent by ${calls.join(", ")}.`] : []),
    ],
    ...(tests.length > 0 ? { testname: tests[0] } : {}),
    [USAGE_KEY]: {
      source: record.source,
      tests,
      sdk: context.sdk,
      reads,
      enumerates,
      sdkReads,
      calls,
      errors: [...new Set(errors)].sort(),
    },
  };

  return {
    type: "Synchronous/HTTP",
    key: createHash("sha256").update(full).digest("hex").slice(0, 16),
    description: full,
    pending: false,
    ...providerStates(example, exchanges, imodelId),
    comments,
    request: request(example, query, context),
    response: success
      ? pageResponse(example, new Set([...allReads, ...sdkReads]), context)
      : errorResponse(example, context),
  };
}

function providerStates(example: RecordedExchange, exchanges: RecordedExchange[], imodelId: string | undefined) {
  const status = example.status as number;
  if (isSuccess(status)) {
    // The iModel must have at least as many connections as the pages recorded reached (one more when there was a
    // next page), so a replay gets pages as full as the recorded ones.
    const connections = Math.max(
      ...exchanges.map((exchange) => {
        const page = pageOf(exchange) as Record<string, Json>;
        const skip = Number(queryOf(exchange.url).get("$skip")?.[0] ?? 0);
        const next = (page._links as Record<string, Json> | undefined)?.next !== undefined ? 1 : 0;
        return skip + (page.connections as Json[]).length + next;
      }),
    );
    return { providerStates: [{ name: PROVIDER_STATES.connections, params: { imodelId, connections } }] };
  }
  if (explainedByRequest(example)) return {};
  if (status === 404 && isImodelId(imodelId)) {
    return { providerStates: [{ name: PROVIDER_STATES.unknownImodel, params: { imodelId } }] };
  }
  const retryAfter = example.retryAfter;
  return {
    providerStates: [
      { name: PROVIDER_STATES.status, params: { status, ...(retryAfter === undefined ? {} : { retryAfter }) } },
    ],
  };
}

function request(example: RecordedExchange, query: Map<string, string[]>, context: BuildContext) {
  const headers: Record<string, string[]> = {};
  const rules: { query?: Rules; header?: Rules } = {};
  if (example.accept !== undefined) headers.Accept = [example.accept];
  if (example.authorization) {
    // Never the token: a placeholder any server that takes any token accepts, and the rule a verifier goes by.
    headers.Authorization = [`${example.authorization.scheme} ${REDACTED}`];
    rules.header = { Authorization: rule({ match: "regex", regex: BEARER }) };
  }
  const imodelId = query.get("imodelId")?.[0];
  if (isImodelId(imodelId)) rules.query = { imodelId: rule({ match: "regex", regex: IMODEL_ID_PATTERN }) };
  return {
    method: example.method,
    path: example.path,
    ...(query.size > 0
      ? { query: Object.fromEntries([...query].map(([name, values]) => [name, values.map(context.scrub)])) }
      : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(Object.keys(rules).length > 0 ? { matchingRules: rules } : {}),
  };
}

function rule(matcher: Record<string, unknown>) {
  return { combine: "AND" as const, matchers: [matcher] };
}

/** The page's response: only the fields read (by the code or by the SDK for it), each with its matcher. */
function pageResponse(example: RecordedExchange, read: Set<string>, context: BuildContext) {
  const page = pageOf(example) as Record<string, Json>;
  const rules: Rules = {};
  // Links to the server the test ran against (a mock on a port of the day) are shown on the API's address, so the
  // same tests record the same file; they are matched by a regular expression either way.
  const origin = `${new URL(example.url).origin}/`;
  const local = {
    scrub: (text: string) =>
      context.scrub(text.startsWith(origin) ? `${SERVER_URL}/${text.slice(origin.length)}` : text),
  };
  const content = prune([page], trieOf(read), [], rules, local) as Json;
  return {
    status: example.status,
    body: body(content),
    matchingRules: { body: rules },
  };
}

/** An error's response: the status, and the documented error's `code` and `message` the client makes its error of. */
function errorResponse(example: RecordedExchange, context: BuildContext) {
  const error = (parseJson(example.body) as { error?: Record<string, Json> } | undefined)?.error;
  const fields = ["code", "message"].filter((key) => typeof error?.[key] === "string");
  const headers =
    example.retryAfter !== undefined && /^[0-9]+$/.test(example.retryAfter)
      ? { headers: { "Retry-After": [example.retryAfter] } }
      : {};
  const headerRules =
    "headers" in headers ? { header: { "Retry-After": rule({ match: "regex", regex: "^[0-9]+$" }) } } : {};
  if (fields.length === 0) {
    return {
      status: example.status,
      ...headers,
      ...(Object.keys(headerRules).length > 0 ? { matchingRules: headerRules } : {}),
    };
  }
  const content = { error: Object.fromEntries(fields.map((key) => [key, context.scrub(error?.[key] as string)])) };
  const bodyRules = Object.fromEntries(fields.map((key) => [`$.error.${key}`, rule({ match: "type" })]));
  return {
    status: example.status,
    ...headers,
    body: body(content),
    matchingRules: { ...headerRules, body: bodyRules },
  };
}

/**
 * A JSON body. Declared `application/json` whatever the recorded media type: the SDK parses any body as JSON, the spec
 * declares both media types, and the verifier takes the vendor type (`...+json`) as JSON too.
 */
function body(content: Json) {
  return { content, contentType: "application/json", contentTypeHint: "TEXT", encoded: false };
}

interface Trie {
  /** The path itself was read (not only something below it). */
  read: boolean;
  children: Map<Segment, Trie>;
}

function trieOf(paths: Iterable<string>): Trie {
  const root: Trie = { read: false, children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const segment of parsePath(path)) {
      let child = node.children.get(segment);
      if (!child) {
        child = { read: false, children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.read = true;
  }
  return root;
}

/**
 * The example for the read part of `candidates` (the values found at one path: one for an object's field, every
 * element for an array's items), adding a matching rule for each path kept: arrays match by type (at least one
 * element when the code reads into them and the recorded one had some), ids and links by regular expression, every
 * other value by type. A field is taken from the first candidate that has it. `undefined`: nothing here is read (an
 * object only passed through on the way to a field that this response does not have).
 */
function prune(candidates: Json[], trie: Trie, path: Segment[], rules: Rules, context: Scrub): Json | undefined {
  const value = candidates[0] as Json;
  const at = jsonPath(path);
  if (Array.isArray(value)) {
    const items = candidates.flatMap((candidate) => (Array.isArray(candidate) ? candidate : []));
    const below = trie.children.get(ITEM);
    const example =
      below !== undefined && items.length > 0 ? prune(items, below, [...path, ITEM], rules, context) : undefined;
    rules[at] = rule({ match: "type", ...(example !== undefined ? { min: 1 } : {}) });
    return example === undefined ? [] : [example];
  }
  if (typeof value === "object" && value !== null) {
    const objects = candidates.filter(
      (candidate): candidate is { [key: string]: Json } =>
        typeof candidate === "object" && candidate !== null && !Array.isArray(candidate),
    );
    const result: { [key: string]: Json } = {};
    const keys = [...trie.children.keys()].filter((key): key is string => typeof key === "string").sort();
    for (const key of keys) {
      const found = objects.filter((object) => Object.hasOwn(object, key)).map((object) => object[key] as Json);
      const example =
        found.length > 0 ? prune(found, trie.children.get(key) as Trie, [...path, key], rules, context) : undefined;
      if (example !== undefined) result[key] = example;
    }
    if (Object.keys(result).length > 0 || path.length === 0) return result;
    if (!trie.read) return undefined;
    rules[at] = rule({ match: "type" });
    return result;
  }
  const key = path.at(-1);
  if (typeof value === "string" && key === "href") rules[at] = rule({ match: "regex", regex: LINK });
  else if (typeof value === "string" && typeof key === "string" && ID_KEYS.test(key)) {
    // A string (a regular expression alone would take the number 5 as "5") that is not empty.
    rules[at] = { combine: "AND", matchers: [{ match: "type" }, { match: "regex", regex: ANY_ID }] };
  } else rules[at] = rule({ match: "type" });
  return typeof value === "string" ? context.scrub(value) : value;
}
