// Provider verification against fixture providers: the flawless one passes; each flaw fails exactly the
// scenarios it breaks, with the violation in the report. The runs share one pair of Prism proxies in front of a
// relay pointed at each provider in turn; the tests of verifyProvider's own Prism lifecycle start their own.

import { TOP_MAX, TOP_MIN } from "@export-api/client";
import { childPids, IMODEL_ID, isAlive } from "@export-api/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import {
  InvalidOptionsError,
  type ScenarioResult,
  startProxies,
  type VerificationReport,
  verifyProvider,
} from "../src/index.js";
import { type Flaw, type Provider, startProvider } from "./fixtures/providers.js";
import { useRelayedProxies } from "./fixtures/relay.js";

const shared = useRelayedProxies();

let provider: Provider | undefined;
afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

/** Verifies a provider with `flaw` through the shared proxies, which the run leaves running. */
async function verify(flaw?: Flaw, options: { maxRetryAfterMs?: number } = {}): Promise<VerificationReport> {
  provider = await startProvider(flaw ? { flaw } : {});
  shared.relay.target = provider.url;
  const report = await verifyProvider({
    target: shared.relay.url,
    proxies: shared.proxies,
    imodelId: provider.imodelId,
    pageSize: 10,
    ...options,
  });
  expect(report.prismPids).toEqual(shared.proxies.pids);
  return report;
}

/** The processes this test process has started (the shared proxies among them), in order. */
function children(): number[] {
  return childPids(process.pid).sort((a, b) => a - b);
}

function failed(report: VerificationReport): string[] {
  return report.scenarios.filter((scenario) => !scenario.passed).map((scenario) => scenario.name);
}

function scenario(report: VerificationReport, name: string): ScenarioResult {
  return report.scenarios.find((item) => item.name === name)!;
}

describe("a provider that keeps the contract", () => {
  it("passes every scenario, and the target itself answered each invalid request", async () => {
    const report = await verify();
    expect(failed(report)).toEqual([]);
    expect(report.passed).toBe(true);
    // Through the forwarding proxy the target, not Prism, answers what breaks the spec.
    expect(provider!.received).toEqual(
      expect.arrayContaining([expect.stringContaining("%24top=0"), expect.stringContaining("imodelId=not-a-guid")]),
    );
    expect(provider!.received.filter((url) => url.includes("%24skip="))).toHaveLength(2);
  });
});

describe("a provider that breaks the contract", () => {
  it('authenticationType "Robot": the pages fail with the enum violation Prism found, and the value sent', async () => {
    const report = await verify("robot-authentication-type");
    expect(report.passed).toBe(false);
    expect(failed(report)).toEqual(["first page", "every page"]);
    for (const name of ["first page", "every page"]) {
      // Prism refused the page with its 500; the status reported is the target's own, read again.
      expect(scenario(report, name).actual).toBe(200);
      expect(scenario(report, name).violations).toContainEqual(
        expect.objectContaining({
          source: "prism",
          severity: "Error",
          location: ["response", "body", "connections", "3", "authenticationType"],
          message: expect.stringContaining("allowed values: User, Service"),
          sent: '"Robot"',
        }),
      );
    }
  });

  it("no _links: the pages fail with the missing required property", async () => {
    const report = await verify("no-links");
    expect(failed(report)).toEqual(["first page", "every page"]);
    expect(scenario(report, "first page").violations).toContainEqual(
      expect.objectContaining({
        source: "prism",
        location: ["response", "body"],
        message: expect.stringContaining("must have required property '_links'"),
      }),
    );
  });

  it("400 for an invalid $top: fails on the status, although Prism only warns about it", async () => {
    const report = await verify("400-for-invalid-top");
    expect(failed(report)).toEqual([`$top=${TOP_MIN - 1}`, `$top=${TOP_MAX + 1}`]);
    const top0 = scenario(report, `$top=${TOP_MIN - 1}`);
    expect(top0).toMatchObject({ expected: 422, actual: 400 });
    expect(top0.violations).toContainEqual(
      expect.objectContaining({ source: "verifier", message: expect.stringMatching(/^expected 422, got 400/) }),
    );
    expect(top0.violations).toContainEqual(
      expect.objectContaining({
        source: "prism",
        severity: "Warning",
        message: expect.stringContaining("Unable to match the returned status code"),
      }),
    );
  });

  it("200 without a token: fails, because the request reaches the target instead of Prism's own 401", async () => {
    const report = await verify("200-without-token");
    expect(failed(report)).toEqual(["no token"]);
    expect(scenario(report, "no token")).toMatchObject({ expected: 401, actual: 200 });
  });

  it("a next link that does not advance: the paging scenario fails instead of looping", async () => {
    const report = await verify("next-link-repeats");
    expect(failed(report)).toEqual(["every page"]);
    expect(scenario(report, "every page")).toMatchObject({ actual: 200, requests: 1 });
    expect(scenario(report, "every page").violations).toEqual([
      expect.objectContaining({ source: "verifier", message: expect.stringContaining("does not advance") }),
    ]);
  });
});

describe("a rate-limited provider", () => {
  it("a brief rate limit (429, Retry-After: 0) is waited out: every scenario passes", async () => {
    const report = await verify("rate-limited-briefly");
    expect(failed(report)).toEqual([]);
    // The three refused requests were sent again.
    expect(provider!.received.filter((url) => url.startsWith("/export/connections")).length).toBeGreaterThan(3);
  });

  it("a Retry-After past maxRetryAfterMs is not slept through: the scenarios fail with the 429, at once", async () => {
    const report = await verify("rate-limited-for-an-hour", { maxRetryAfterMs: 1_000 });
    expect(report.scenarios.map((item) => item.actual)).toEqual(report.scenarios.map(() => 429));
    expect(scenario(report, "first page").violations).toContainEqual(
      expect.objectContaining({ source: "verifier", message: expect.stringMatching(/^expected 200, got 429/) }),
    );
  });
});

describe("verifyProvider's own failures", () => {
  it("rejects an imodelId that is not a GUID before starting anything", async () => {
    const before = children();
    await expect(verifyProvider({ target: "http://127.0.0.1:9", imodelId: "nope" })).rejects.toThrow(
      /imodelId must be a GUID/,
    );
    expect(children()).toEqual(before);
  });

  it("a target that goes away mid-run fails the rest of the run, and Prism is still stopped", async () => {
    // Its own pair, not the shared one: what is checked is that the run stops the Prism processes it started.
    provider = await startProvider({ flaw: "gone-after-first-request" });
    const report = await verifyProvider({ target: provider.url, imodelId: provider.imodelId, pageSize: 10 });
    expect(report.prismPids).toHaveLength(2);
    expect(report.prismPids.filter(isAlive)).toEqual([]);
    expect(report.scenarios[0]).toMatchObject({ name: "first page", passed: true });
    expect(failed(report)).toEqual(report.scenarios.slice(1).map((item) => item.name));
    expect(scenario(report, "no token").violations).toContainEqual(
      expect.objectContaining({
        source: "prism",
        message: expect.stringContaining("Prism answered instead of the target"),
      }),
    );
  }, 120_000);

  it("rejects when the target cannot be reached", async () => {
    provider = await startProvider();
    const { url } = provider;
    await provider.close();
    const before = children();
    await expect(verifyProvider({ target: url, imodelId: provider.imodelId })).rejects.toThrow(/cannot reach/);
    expect(children()).toEqual(before);
  });
});

describe("verifyProvider given proxies", () => {
  it("refuses proxies started for another target, naming both, before sending any request", async () => {
    provider = await startProvider();
    shared.relay.target = provider.url;
    const run = verifyProvider({ target: provider.url, proxies: shared.proxies, imodelId: provider.imodelId });
    await expect(run).rejects.toThrow(InvalidOptionsError);
    await expect(run).rejects.toThrow(
      `proxies were started for "${shared.relay.url}", not for the target "${provider.url}"`,
    );
    expect(provider.received).toEqual([]);
    expect(shared.proxies.pids.filter(isAlive)).toEqual(shared.proxies.pids);
  });

  it("leaves them running, and a second run, of another provider, goes through the same pair", async () => {
    const first = await startProvider();
    try {
      shared.relay.target = first.url;
      const report = await verifyProvider({
        target: shared.relay.url,
        proxies: shared.proxies,
        imodelId: first.imodelId,
      });
      expect(report).toMatchObject({ passed: true, prismPids: shared.proxies.pids });
      expect(shared.proxies.pids.filter(isAlive)).toEqual(shared.proxies.pids);
      const firstReceived = first.received.length;

      const second = await verify();
      expect(second.passed).toBe(true);
      expect(provider!.received.filter((url) => url.startsWith("/export/connections")).length).toBeGreaterThan(0);
      expect(first.received).toHaveLength(firstReceived);
      expect(shared.proxies.pids.filter(isAlive)).toEqual(shared.proxies.pids);
    } finally {
      await first.close();
    }
  }, 120_000);

  it("startProxies refuses a target that is not a base URL, before starting anything", async () => {
    const before = children();
    await expect(startProxies("127.0.0.1:8080")).rejects.toThrow(InvalidOptionsError);
    await expect(startProxies("127.0.0.1:8080")).rejects.toThrow(/target must be an absolute http\(s\) URL/);
    expect(children()).toEqual(before);
  });

  it("close() stops both proxies, once for all calls, and closed proxies are refused", async () => {
    const own = await startProxies(shared.relay.url);
    expect(own).toMatchObject({ target: shared.relay.url, closed: false });
    expect(own.pids).toHaveLength(2);
    expect(own.pids.filter(isAlive)).toEqual(own.pids);

    await Promise.all([own.close(), own.close()]);
    expect(own.closed).toBe(true);
    expect(own.pids.filter(isAlive)).toEqual([]);
    await own.close();

    const run = verifyProvider({ target: shared.relay.url, proxies: own, imodelId: IMODEL_ID });
    await expect(run).rejects.toThrow(InvalidOptionsError);
    await expect(run).rejects.toThrow(/proxies are closed/);
  }, 120_000);
});
