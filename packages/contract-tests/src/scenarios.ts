// The scenarios a provider must pass: what a client can do to GET /export/connections and the status the spec
// documents for each. Requests the spec allows go through the `--errors` proxy; requests that break the spec on
// purpose go through the forwarding proxy, because the `--errors` proxy answers those itself and the target
// would never be asked. A response the `--errors` proxy refuses is read again through the forwarding proxy
// (./strict.ts), so a scenario reports the target's status and values and paging goes on.
import { createExportClient, TOP_MAX, TOP_MIN } from "@export-api/client";
import { type Exchange, listRequest, send } from "./exchange.js";
import { fetchStrict, type Proxies } from "./strict.js";
import { prismProblem, prismViolations, type Violation, violation } from "./violations.js";

export interface ScenarioResult {
  /** What the scenario does, e.g. `first page` or `$top=0`. */
  name: string;
  passed: boolean;
  /** The status the spec documents for this scenario. */
  expected: number;
  /** The status of the first response that was not `expected`, else of the last one; none if nothing came back. */
  actual: number | undefined;
  /** How many requests the scenario sent. */
  requests: number;
  /** Prism's findings and the verifier's own (status, body, paging); empty when the scenario passed. */
  violations: Violation[];
}

export interface ScenarioContext extends Proxies {
  imodelId: string;
  unknownImodelId: string;
  token: string;
  pageSize: number;
  maxPages: number;
}

interface Scenario {
  name: string;
  expected: number;
  run(context: ScenarioContext): Promise<ScenarioResult>;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: "first page",
    expected: 200,
    async run(context) {
      const request = listRequest(context.strictUrl, { imodelId: context.imodelId }, context.token);
      const { exchange } = await fetchStrict(request, context);
      return evaluate(this, [exchange], { check: isPageBody });
    },
  },
  {
    name: "every page",
    expected: 200,
    run(context) {
      return everyPage(this, context);
    },
  },
  {
    name: "no token",
    expected: 401,
    async run(context) {
      const exchange = await send(context.forwardingUrl, { imodelId: context.imodelId }, undefined, context);
      return evaluate(this, [exchange], { invalidRequest: true });
    },
  },
  // Just outside the spec's bounds on either side.
  ...[TOP_MIN - 1, TOP_MAX + 1].map((top) => ({
    name: `$top=${top}`,
    expected: 422,
    async run(this: Scenario, context: ScenarioContext) {
      const query = { imodelId: context.imodelId, $top: String(top) };
      const exchange = await send(context.forwardingUrl, query, context.token, context);
      return evaluate(this, [exchange], { invalidRequest: true, check: detailsNaming("$top") });
    },
  })),
  {
    name: "imodelId not a GUID",
    expected: 422,
    async run(context) {
      const exchange = await send(context.forwardingUrl, { imodelId: "not-a-guid" }, context.token, context);
      return evaluate(this, [exchange], { invalidRequest: true });
    },
  },
  {
    name: "unknown imodelId",
    expected: 404,
    async run(context) {
      const request = listRequest(context.strictUrl, { imodelId: context.unknownImodelId }, context.token);
      const { exchange } = await fetchStrict(request, context);
      return evaluate(this, [exchange], {});
    },
  },
];

/** Pages through the iModel with @export-api/client (links' `$skip`/`$top`, our `imodelId`) to the last page. */
async function everyPage(scenario: Scenario, context: ScenarioContext): Promise<ScenarioResult> {
  const exchanges: Exchange[] = [];
  const extra: Violation[] = [];
  const client = createExportClient({
    baseUrl: context.strictUrl,
    accessToken: context.token,
    maxRetries: 0,
    fetch: async (request) => {
      const { exchange, response } = await fetchStrict(request, context);
      exchanges.push(exchange);
      return response;
    },
  });
  let pages = 0;
  try {
    const iterable = client.iterateExportConnections({ imodelId: context.imodelId, pageSize: context.pageSize });
    for await (const page of iterable.pages()) {
      if (++pages >= context.maxPages && page._links?.next) {
        extra.push(verifierFinding(exchanges.at(-1)!, `still a next link after ${pages} pages; stopped following`));
        break;
      }
    }
  } catch (error) {
    // A non-200 is reported by the status check; anything else (a link that does not advance or cannot be
    // followed, a body that is not a page) is the client's own finding.
    const last = exchanges.at(-1);
    if (!last) throw error;
    if (last.status === scenario.expected) extra.push(verifierFinding(last, (error as Error).message));
  }
  return evaluate(scenario, exchanges, { check: isPageBody, extra });
}

interface Checks {
  /** The request breaks the spec on purpose, so Prism's request-side findings are expected, not failures. */
  invalidRequest?: boolean;
  /** A check of a response that has the expected status; returns what is wrong, if anything. */
  check?: (exchange: Exchange) => string | undefined;
  extra?: Violation[];
}

function evaluate(scenario: Scenario, exchanges: Exchange[], checks: Checks): ScenarioResult {
  const violations: Violation[] = [];
  let actual: number | undefined;
  for (const exchange of exchanges) {
    const found = prismViolations(exchange);
    violations.push(...(checks.invalidRequest ? found.filter((item) => item.location[0] !== "request") : found));
    if (exchange.status !== scenario.expected) {
      actual ??= exchange.status;
      const why = prismProblem(exchange)
        ? "Prism answered in place of the target, for the findings above"
        : summary(exchange.body);
      violations.push(verifierFinding(exchange, `expected ${scenario.expected}, got ${exchange.status}: ${why}`));
      continue;
    }
    const problem = checks.check?.(exchange);
    if (problem) violations.push(verifierFinding(exchange, problem));
  }
  violations.push(...(checks.extra ?? []));
  actual ??= exchanges.at(-1)?.status;
  return {
    name: scenario.name,
    passed: violations.length === 0,
    expected: scenario.expected,
    actual,
    requests: exchanges.length,
    violations,
  };
}

function isPageBody(exchange: Exchange): string | undefined {
  const body = exchange.body as { connections?: unknown; _links?: unknown } | undefined;
  if (typeof body !== "object" || body === null) return `the body is not a JSON object: ${summary(exchange.body)}`;
  if (!Array.isArray(body.connections)) return "the body has no connections array";
  return undefined;
}

function detailsNaming(target: string): (exchange: Exchange) => string | undefined {
  return (exchange) => {
    const details = (exchange.body as { error?: { details?: unknown } } | undefined)?.error?.details;
    if (!Array.isArray(details) || details.length === 0) return "the 422 body has no error.details";
    if (!details.some((detail) => (detail as { target?: unknown })?.target === target)) {
      return `no entry of error.details has target ${JSON.stringify(target)}: ${summary(details)}`;
    }
    return undefined;
  };
}

function verifierFinding(exchange: Exchange, message: string): Violation {
  return violation(exchange, ["response"], "Error", message, "verifier");
}

function summary(body: unknown): string {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  if (text === undefined) return "(empty body)";
  return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}
