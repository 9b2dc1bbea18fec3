// verifyProvider: put Prism's validation proxy from the spec in front of a server, drive every scenario through
// it, and stop Prism by process id whatever happens.
import { redactToken } from "@export-api/client";
import { resolveOptions, type VerifyProviderOptions } from "./options.js";
import { type PrismProcess, startPrism } from "./prism.js";
import { SCENARIOS, type ScenarioResult } from "./scenarios.js";
import type { Violation } from "./violations.js";

export interface VerificationReport {
  target: string;
  /** True when every scenario passed. */
  passed: boolean;
  scenarios: ScenarioResult[];
  /** Process ids of the Prism proxies this run started (and stopped). */
  prismPids: number[];
}

export type { ScenarioResult, VerifyProviderOptions, Violation };

const PLACEHOLDER_TOKEN = "export-api-verify";

/**
 * Verifies that the server at `target` keeps the contract of spec/openapi.yaml. Resolves with a report (also
 * when scenarios fail); rejects only when the options are invalid (InvalidOptionsError), the target cannot be
 * reached, or Prism cannot start. The token never appears in the report.
 */
export async function verifyProvider(options: VerifyProviderOptions): Promise<VerificationReport> {
  const { target, token, ...rest } = resolveOptions(options);
  const context = { ...rest, token: token ?? PLACEHOLDER_TOKEN };
  await assertReachable(target);

  const prisms: PrismProcess[] = [];
  try {
    const started = await Promise.allSettled([
      startPrism({ kind: "proxy", target }),
      startPrism({ kind: "proxy", target, errors: false }),
    ]);
    for (const result of started) if (result.status === "fulfilled") prisms.push(result.value);
    const failed = started.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    const [strict, forwarding] = prisms as [PrismProcess, PrismProcess];

    const scenarios: ScenarioResult[] = [];
    for (const scenario of SCENARIOS) {
      const result = await scenario
        .run({ ...context, strictUrl: strict.url, forwardingUrl: forwarding.url })
        .catch((error: unknown) => broken(scenario, error));
      scenarios.push(token === undefined ? result : redact(result, token));
    }
    return {
      target,
      passed: scenarios.every((scenario) => scenario.passed),
      scenarios,
      prismPids: prisms.map((prism) => prism.pid),
    };
  } finally {
    await Promise.all(prisms.map((prism) => prism.close()));
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
