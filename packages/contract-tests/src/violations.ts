// What Prism's validation proxy found in one exchange. Prism reports every request and response violation in
// the `sl-violations` response header (a JSON array, cut off past ~8 KB); with `--errors` it also answers
// itself: a 500 problem+json whose `validation` lists the response's Error-level violations, or a 401/422
// problem+json for a request it refused to forward.
import type { Exchange } from "./exchange.js";

export interface Violation {
  /** `prism` for a finding of Prism's validation, `verifier` for a status, body or paging check of our own. */
  source: "prism" | "verifier";
  /** The request it was found on (path and query). */
  request: string;
  /** Where, as Prism names it: `["response", "body", "connections", "0", "authenticationType"]`. */
  location: string[];
  /** Prism's severity (`Error`, `Warning`, ...); `Error` for the verifier's own checks. */
  severity: string;
  message: string;
  /**
   * The JSON of the value the target sent where `location` points in its response body, when it sent one, e.g.
   * `"Federated"` at `["response", "body", "connections", "3", "authenticationType"]`.
   */
  sent?: string;
}

const PRISM_ERRORS = "https://stoplight.io/prism/errors#";
const TRUNCATED = "Too many violations!";

/**
 * Every violation Prism reported for this exchange, request and response side, without duplicates, each with the
 * value the target sent at its location. A refused exchange's findings are those of Prism's refusal.
 */
export function prismViolations(exchange: Exchange): Violation[] {
  const found = unique(reported(exchange.refused ?? exchange));
  // The values come from what the target sent, never from Prism's own answer.
  return prismProblem(exchange) ? found : found.map((item) => withSent(item, exchange.body));
}

/** Prism's `--errors` proxy refused the target's response: its 500 listing the response's violations. */
export function isRefusal(exchange: Exchange): boolean {
  return prismProblem(exchange)?.type === `${PRISM_ERRORS}VIOLATIONS`;
}

function reported(exchange: Exchange): Violation[] {
  const found: Violation[] = [];
  const header = exchange.headers.get("sl-violations");
  if (header !== null) {
    if (header.startsWith(TRUNCATED)) {
      found.push(violation(exchange, ["response"], "Error", "Prism found more violations than its header holds"));
    } else {
      for (const item of parseArray(header)) found.push(fromPrism(exchange, item));
    }
  }

  const problem = prismProblem(exchange);
  if (problem) {
    for (const item of Array.isArray(problem.validation) ? problem.validation : []) {
      found.push(fromPrism(exchange, item));
    }
    if (problem.type !== `${PRISM_ERRORS}VIOLATIONS`) {
      // Prism answered instead of the target: it refused the request, or could not reach the target.
      const what = [problem.title, problem.detail].filter((part) => typeof part === "string").join(": ");
      found.push(violation(exchange, ["response"], "Error", `Prism answered instead of the target: ${what}`));
    }
  }
  return found;
}

/** The finding with the value at its location in the response body, if the body has one there. */
function withSent(item: Violation, body: unknown): Violation {
  const [side, part, ...path] = item.location;
  if (side !== "response" || part !== "body" || path.length === 0) return item;
  let value = body;
  for (const key of path) {
    value =
      typeof value === "object" && value !== null && Object.hasOwn(value, key) ? (value as never)[key] : undefined;
  }
  return value === undefined ? item : { ...item, sent: JSON.stringify(value) };
}

/**
 * Prism's own problem+json body, when Prism (not the target) wrote the response: a `type` among Prism's error
 * URLs, or, when forwarding itself failed (connection refused, socket hang up), the error's name (`FetchError`).
 */
export function prismProblem(exchange: Exchange): Record<string, unknown> | undefined {
  const body = exchange.body as Record<string, unknown> | undefined;
  if (typeof body !== "object" || body === null || typeof body.type !== "string") return undefined;
  if (body.type.startsWith(PRISM_ERRORS)) return body;
  const problemJson = exchange.headers.get("content-type")?.startsWith("application/problem+json");
  return problemJson && /^[A-Za-z]*Error$/.test(body.type) ? body : undefined;
}

export function violation(
  exchange: Exchange,
  location: string[],
  severity: string,
  message: string,
  source: Violation["source"] = "prism",
): Violation {
  return { source, request: exchange.request, location, severity, message };
}

function fromPrism(exchange: Exchange, item: unknown): Violation {
  const { location, severity, message } = (item ?? {}) as Record<string, unknown>;
  return violation(
    exchange,
    Array.isArray(location) ? location.map(String) : [],
    typeof severity === "string" ? severity : "Error",
    typeof message === "string" ? message : JSON.stringify(item),
  );
}

function parseArray(text: string): unknown[] {
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? value : [value];
  } catch {
    return [{ message: `unreadable sl-violations header: ${text.slice(0, 200)}` }];
  }
}

function unique(violations: Violation[]): Violation[] {
  const seen = new Set<string>();
  return violations.filter((item) => {
    const key = `${item.location.join(".")}\u0000${item.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
