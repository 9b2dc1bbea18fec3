// A usage contract is a Pact V4 file (https://github.com/pact-foundation/pact-specification/tree/version-4): a
// consumer, the provider `export-api`, and synchronous HTTP interactions. The recorder adds what Pact has no field
// for in each interaction's `comments.exportApiUsage` (the test file it came from, the fields the code reads, the
// errors it met, the SDK version) and names the data each interaction needs in its provider state. This module is
// the one home of that format: the recorder writes it, `readContract` reads it back for the verifier and the gate.
import { condense, pathsOf } from "./paths.js";

/** The provider every usage contract names. */
export const PROVIDER_NAME = "export-api";

/** The key under `comments` (and `metadata`) where the recorder keeps what Pact has no field for. */
export const USAGE_KEY = "exportApiUsage";

/**
 * The provider states a recorded interaction can ask for: what the server must hold or do for the request to get the
 * recorded answer. A verifier sets up the ones it can (see `@export-api/contract-tests`' `verifyContracts`).
 */
export const PROVIDER_STATES = {
  /** The iModel `params.imodelId` has at least `params.connections` export connections. */
  connections: "export connections of an iModel",
  /** The API does not know the iModel `params.imodelId` (404). */
  unknownImodel: "an iModel the API does not know",
  /** The API answers `params.status` (with `params.retryAfter`), whatever the request: a fault the test played. */
  status: "the API answers with a status",
} as const;

/** One interaction of a usage contract, as the verifier and the gate read it. */
export interface UsageInteraction {
  description: string;
  /** The test file that recorded it (relative to its project); `undefined` in a pact the recorder did not write. */
  source: string | undefined;
  /** The provider state it needs, if any. */
  state: { name: string; params: Record<string, unknown> } | undefined;
  request: {
    method: string;
    path: string;
    /** Each query parameter sent, with its values in order. */
    query: Record<string, string[]>;
    /** Header names in lower case. */
    headers: Record<string, string[]>;
  };
  /** The status the consumer's code met. */
  status: number;
  /**
   * The response fields the interaction depends on (`connections[].displayName`): those the code reads, and every
   * field of the pact's response body (which holds what the code and the SDK read), the fields themselves and not the
   * objects on the way.
   */
  reads: string[];
  /** Objects and arrays whose keys the code lists (a spread, JSON.stringify, Object.keys): every field below counts. */
  enumerates: string[];
  /** Fields the SDK itself reads for the code (the next link when it pages). */
  sdkReads: string[];
  /** The error classes the code received with this status (`RateLimitError`). */
  errors: string[];
  /** The interaction as it is in the file. */
  raw: Record<string, unknown>;
}

export interface UsageContract {
  consumer: string;
  provider: string;
  interactions: UsageInteraction[];
  /** The whole file as parsed. */
  pact: Record<string, unknown>;
}

/** A file that is not a usage contract: the message says what is wrong and where. */
export class ContractError extends Error {
  override name = "ContractError";
}

/**
 * Reads a Pact V4 usage contract (the parsed JSON of a file `recordUsage` wrote, or any V4 pact of synchronous HTTP
 * interactions with the provider `export-api`), checking its shape. `where` names the file in error messages. Throws
 * a `ContractError` naming the first problem.
 */
export function readContract(json: unknown, where = "the contract"): UsageContract {
  const fail = (problem: string): never => {
    throw new ContractError(`${where}: ${problem}`);
  };
  const pact = object(json) ?? fail("is not a JSON object");
  const version = object(object(pact.metadata)?.pactSpecification)?.version;
  if (typeof version !== "string" || !version.startsWith("4")) {
    fail(`is not a Pact V4 file (metadata.pactSpecification.version is ${JSON.stringify(version)})`);
  }
  const consumer = object(pact.consumer)?.name;
  if (typeof consumer !== "string" || consumer === "") fail("has no consumer.name");
  const provider = object(pact.provider)?.name;
  if (provider !== PROVIDER_NAME) {
    fail(`is a contract with ${JSON.stringify(provider)}, not with the provider ${JSON.stringify(PROVIDER_NAME)}`);
  }
  if (!Array.isArray(pact.interactions)) fail("has no interactions array");
  const interactions = (pact.interactions as unknown[]).map((raw, index) =>
    readInteraction(raw, (problem) => fail(`interaction ${index} ${problem}`)),
  );
  return { consumer: consumer as string, provider: PROVIDER_NAME, interactions, pact };
}

function readInteraction(json: unknown, fail: (problem: string) => never): UsageInteraction {
  const raw = object(json) ?? fail("is not an object");
  if (raw.type !== "Synchronous/HTTP") fail(`has type ${JSON.stringify(raw.type)}, not "Synchronous/HTTP"`);
  const description = typeof raw.description === "string" ? raw.description : fail("has no description");
  const request = object(raw.request) ?? fail(`(${description}) has no request`);
  const response = object(raw.response) ?? fail(`(${description}) has no response`);
  if (typeof request.method !== "string" || typeof request.path !== "string") {
    fail(`(${description}) has no request method and path`);
  }
  if (!Number.isInteger(response.status)) fail(`(${description}) has no response status`);
  const usage = object(object(raw.comments)?.[USAGE_KEY]) ?? {};
  const states = Array.isArray(raw.providerStates) ? raw.providerStates.map(object) : [];
  const state = states[0];
  const body = object(response.body)?.content;
  const reads = condense([...strings(usage.reads), ...pathsOf(typeof body === "string" ? undefined : body)]);
  return {
    description,
    source: typeof usage.source === "string" ? usage.source : undefined,
    state:
      state && typeof state.name === "string" ? { name: state.name, params: object(state.params) ?? {} } : undefined,
    request: {
      method: (request.method as string).toUpperCase(),
      path: request.path as string,
      query: record(request.query),
      headers: Object.fromEntries(Object.entries(record(request.headers)).map(([name, v]) => [name.toLowerCase(), v])),
    },
    status: response.status as number,
    reads,
    enumerates: strings(usage.enumerates),
    sdkReads: strings(usage.sdkReads),
    errors: strings(usage.errors),
    raw,
  };
}

function object(value: unknown): Record<string, any> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, any>)
    : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** Pact's query and headers: each value a string or an array of strings; always arrays here. */
function record(value: unknown): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(object(value) ?? {}).map(([name, values]) => [
      name,
      (Array.isArray(values) ? values : [values]).map((item) => String(item)),
    ]),
  );
}
