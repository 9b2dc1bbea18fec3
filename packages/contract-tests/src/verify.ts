// verifyProvider: put Prism's validation proxy from the spec in front of a server, drive every scenario through
// it, and stop the Prism processes it started by process id whatever happens (a caller's own pair runs on).
import { redactToken } from "@export-api/client/internal";
import { resolveOptions, type VerifyProviderOptions, type VerifyProxies } from "./options.js";
import { startProxies } from "./proxies.js";
import { SCENARIOS, type ScenarioResult } from "./scenarios.js";
import type { Violation } from "./violations.js";

export interface VerificationReport {
  target: string;
  /** True when every scenario passed. */
  passed: boolean;
  scenarios: ScenarioResult[];
  /**
   * Process ids of the Prism proxies this run went through: the pair it started (and stopped), or the pair it was
   * given in `options.proxies` (still running).
   */
  prismPids: number[];
}

export type { ScenarioResult, VerifyProviderOptions, Violation };

const PLACEHOLDER_TOKEN = "export-api-verify";

/**
 * Verifies that the server at `target` keeps the contract of spec/openapi.yaml. Resolves with a report (also
 * when scenarios fail); rejects only when the options are invalid (InvalidOptionsError), the target cannot be
 * reached, or Prism cannot start. The token never appears in the report. With `options.proxies` the run goes
 * through that pair and leaves it running; without, it starts its own pair and stops it before resolving.
 */
export async function verifyProvider(options: VerifyProviderOptions): Promise<VerificationReport> {
  const { target, token, proxies: given, ...rest } = resolveOptions(options);
  const context = { ...rest, token: token ?? PLACEHOLDER_TOKEN };
  await assertReachable(target);

  let own: VerifyProxies | undefined;
  try {
    if (!given) own = await startProxies(target);
    const { strictUrl, forwardingUrl, pids } = (given ?? own) as VerifyProxies;

    const scenarios: ScenarioResult[] = [];
    for (const scenario of SCENARIOS) {
      const result = await scenario
        .run({ ...context, strictUrl, forwardingUrl })
        .catch((error: unknown) => broken(scenario, error));
      scenarios.push(token === undefined ? result : redact(result, token));
    }
    return {
      target,
      passed: scenarios.every((scenario) => scenario.passed),
      scenarios,
      prismPids: [...pids],
    };
  } finally {
    await own?.close();
  }
}

async function assertReachable(target: string): Promise<void> {
  try {
    const response = await fetch(target, { signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`cannot reach the target ${target}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
}

/** A scenario whose request could not be completed at all (connection reset, timeout). */
function broken(scenario: { name: string; expected: number }, error: unknown): ScenarioResult {
  const cause = (error as { cause?: { code?: string } }).cause;
  const message = `the request failed: ${(error as Error).message}${cause?.code ? ` (${cause.code})` : ""}`;
  return {
    name: scenario.name,
    passed: false,
    expected: scenario.expected,
    actual: undefined,
    requests: 0,
    violations: [{ source: "verifier", request: "", location: [], severity: "Error", message }],
  };
}

/** A server may echo what it was sent; the token must not reach the report either way. */
function redact(result: ScenarioResult, token: string): ScenarioResult {
  const hide = (text: string) => redactToken(text, token);
  return {
    ...result,
    violations: result.violations.map((item) => ({
      ...item,
      request: hide(item.request),
      message: hide(item.message),
    })),
  };
}
