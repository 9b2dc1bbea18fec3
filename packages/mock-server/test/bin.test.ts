// The export-api-mock bin, as built: it prints its URL and iModel ids, serves, takes faults, a rate limit and
// evolve mode from flags, and stops on a signal.
import { fileURLToPath } from "node:url";
import { IMODEL_ID, type RunningProcess, startProcess } from "@export-api/test-utils";
import { IMODEL_ID_PATTERN } from "@export-api/types";
import { describe, expect, it } from "vitest";
import { PROTOTYPE_NAMES } from "./fixtures/hostile.js";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const run = (args: string[]) => startProcess(process.execPath, [BIN, ...args]);

/** Starts the bin with `args`, runs `use` with its URL, then stops it with SIGTERM. */
async function withBin(args: string[], use: (url: string, mock: RunningProcess) => Promise<void>) {
  const mock = run(args);
  try {
    const [, url] = await mock.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await mock.waitForOutput(/Try:/);
    await use(url!, mock);
  } finally {
    mock.child.kill("SIGTERM");
  }
  expect((await mock.exited).code).toBe(0);
}

const statuses = async (url: string, count: number) => {
  const seen: (number | string | null)[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${url}/export/connections?imodelId=${IMODEL_ID}`, {
      headers: { Authorization: "Bearer t" },
    });
    seen.push(response.status, response.headers.get("retry-after"));
  }
  return seen;
};

describe("export-api-mock", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "prints its URL and iModel ids, serves them, and stops on %s",
    async (signal) => {
      const mock = run(["--seed", "5", "--connections", "7", "--imodels", "2"]);
      try {
        await mock.waitForOutput(/Try:/);
        const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(mock.stdout())?.[1];
        // The ids are listed one per line, indented, under "iModel ids (N):".
        const ids = [...mock.stdout().matchAll(/^ {2}(\S+)$/gm)].map((match) => match[1]);
        expect(ids.every((id) => new RegExp(IMODEL_ID_PATTERN).test(id!))).toBe(true);
        expect(ids).toHaveLength(2);
        expect(ids[0]).toBe(IMODEL_ID);
        const response = await fetch(`${url}/export/connections?imodelId=${ids[1]}`, {
          headers: { Authorization: "Bearer t" },
        });
        expect((await response.json()).connections).toHaveLength(7);
      } finally {
        mock.child.kill(signal);
      }
      expect((await mock.exited).code).toBe(0);
      expect(mock.stdout()).toContain("stopped");
    },
  );

  it("--fail 503 --times 2 --retry-after 0 answers 503 twice, then serves", async () => {
    await withBin(["--fail", "503", "--times", "2", "--retry-after", "0"], async (url, mock) => {
      expect(mock.stdout()).toContain('Fault queued: {"kind":"status","status":503,"times":2,"retryAfter":"0"}');
      expect(await statuses(url, 3)).toEqual([503, "0", 503, "0", 200, null]);
    });
  });

  it("--fault stall --times Infinity never answers, and the control path still does", async () => {
    await withBin(["--fault", "stall", "--times", "Infinity"], async (url) => {
      const stalled = fetch(`${url}/export/connections?imodelId=${IMODEL_ID}`, { signal: AbortSignal.timeout(200) });
      await expect(stalled).rejects.toThrow(/aborted due to timeout/);
      const { faults } = await (await fetch(`${url}/__mock/faults`)).json();
      expect(faults).toEqual([{ kind: "stall", times: "Infinity" }]);
    });
  });

  it("--rate-limit 2/60000 allows 2 requests a minute, then 429 with Retry-After", async () => {
    await withBin(["--rate-limit", "2/60000"], async (url) => {
      const seen = await statuses(url, 3);
      expect(seen.slice(0, 4)).toEqual([200, null, 200, null]);
      expect(seen[4]).toBe(429);
      expect(Number(seen[5])).toBeGreaterThanOrEqual(1);
    });
  });

  it("--evolve answers like a newer API version", async () => {
    await withBin(["--evolve"], async (url) => {
      const response = await fetch(`${url}/export/connections?imodelId=${IMODEL_ID}`, {
        headers: { Authorization: "Bearer t" },
      });
      expect(response.headers.get("api-supported-versions")).toBe("1.0, 2.0");
      expect((await response.json()).totalCount).toBe(25);
    });
  });

  it("--fleet --fleet-faults 0.05 --fleet-retry-after 1 --rate-limit 100/1000 plays a fleet, and says where to read it", async () => {
    const args = ["--imodels", "300", "--seed", "3", "--fleet", "--fleet-faults", "0.05", "--fleet-retry-after", "1"];
    await withBin([...args, "--rate-limit", "100/1000"], async (url, mock) => {
      const fleet = await (await fetch(`${url}/__mock/fleet`)).json();
      expect(fleet.varied).toBe(true);
      expect(fleet.connections).toHaveLength(300);
      expect(Math.max(...fleet.connections)).toBeGreaterThanOrEqual(1000);
      expect([fleet.gone.length, fleet.forbidden.length, fleet.flaky.length]).toEqual([4, 4, 7]);
      expect(fleet.flaky.every((imodel: { retryAfter: number }) => imodel.retryAfter === 1)).toBe(true);
      expect(mock.stdout()).toMatch(
        new RegExp(
          `Fleet: ${fleet.totalConnections} connections \\(0 to \\d+ per iModel\\); 4 gone, 4 forbidden, 7 flaky: curl ${url}/__mock/fleet`,
        ),
      );
      const response = await fetch(`${url}/export/connections?imodelId=${fleet.gone[0]}`, {
        headers: { Authorization: "Bearer t" },
      });
      expect(response.status).toBe(404);
      const [entry] = (await (await fetch(`${url}/__mock/requests`)).json()).requests;
      expect(entry.rateLimit).toMatchObject({ allowed: true, window: 1, count: 1, limit: 100 });
      expect(entry.fleetFault).toEqual({ class: "gone", status: 404 });
    });
  });

  it("--link-base-url puts every _links href on that origin", async () => {
    await withBin(["--link-base-url", "https://api.bentley.com"], async (url) => {
      const response = await fetch(`${url}/export/connections?imodelId=${IMODEL_ID}&$top=5`, {
        headers: { Authorization: "Bearer t" },
      });
      const page = await response.json();
      expect(page._links.next.href).toBe("https://api.bentley.com/export/connections?$skip=5&$top=5");
    });
  });

  it("--control-origin lets pages of that origin use the control path; other pages get 403", async () => {
    const page = "http://localhost:5173";
    await withBin(["--control-origin", page, "--control-origin", "https://app.example"], async (url) => {
      const post = (origin: string) =>
        fetch(`${url}/__mock/faults`, { method: "POST", body: '{"status":503}', headers: { Origin: origin } });
      const allowed = await post(page);
      expect([allowed.status, allowed.headers.get("access-control-allow-origin")]).toEqual([201, page]);
      expect((await post("https://app.example")).status).toBe(201);
      const refused = await post("http://evil.example");
      expect([refused.status, refused.headers.get("access-control-allow-origin")]).toEqual([403, null]);
      expect((await (await fetch(`${url}/__mock/faults`)).json()).faults).toHaveLength(2);
    });
  });

  it.each<[string[], RegExp]>([
    [["--link-base-url", "api.bentley.com"], /linkBaseUrl must be an absolute http\(s\) URL/],
    [["--connections", "many"], /--connections must be an integer, got "many"/],
    // Digits only, as every command of the workspace reads an integer.
    [["--seed", "1e2"], /--seed must be an integer, got "1e2"/],
    [["--port", "0x10"], /--port must be an integer, got "0x10"/],
    [["--imodels", "0"], /imodels must be an integer from 1/],
    [["--colour"], /Unknown option '--colour'/],
    [["--rate-limit", "5"], /--rate-limit must be N\/MS/],
    [["--rate-limit", "5/0"], /rateLimit\.windowMs must be a positive number/],
    [["--fail", "418"], /fault\.status must be one of 401, 403/],
    [["--fail", "soon"], /--fail must be an integer/],
    [["--fault", "explode"], /fault\.kind must be one of/],
    // Names every object inherits were taken for kinds (and crashed with "not iterable").
    ...PROTOTYPE_NAMES.map((kind): [string[], RegExp] => [
      ["--fault", kind],
      new RegExp(`fault\\.kind must be one of .*, got "${kind}"`),
    ]),
    [["--fault", "delay"], /fault\.ms must be an integer number of ms/],
    [["--fail", "503", "--times", "0"], /fault\.times must be a positive integer or Infinity/],
    [["--fail", "500", "--retry-after", "1"], /fault\.retryAfter is for status 429 or 503/],
    [["--fail", "503", "--ms", "5"], /fault\.ms is not a field of a status fault/],
    [["--times", "2"], /--times needs --fail STATUS or --fault KIND/],
    [["--control-origin", "localhost:5173"], /controlOrigins\[0\] must be an origin such as http:\/\/localhost:5173/],
    [["--control-origin", "*"], /controlOrigins\[0\] must be an origin .* got "\*"/],
    [["--fail", "503", "--fault", "stall"], /give --fail STATUS or --fault KIND, not both/],
    [["--fleet-faults", "5%"], /--fleet-faults must be a share from 0 to 1 \(e\.g\. 0\.05\), got "5%"/],
    [["--fleet-faults", "1.5"], /--fleet-faults must be a share from 0 to 1/],
    [["--fleet-faults=-0.1"], /--fleet-faults must be a share from 0 to 1 \(e\.g\. 0\.05\), got "-0\.1"/],
    [["--fleet-faults", "0.1", "--fleet-retry-after", "soon"], /--fleet-retry-after must be an integer, got "soon"/],
    [
      ["--fleet-faults", "0.1", "--fleet-retry-after", "7200"],
      /fleetFaults\.retryAfter must be an integer from 0 to 3600/,
    ],
    [["--fleet-retry-after", "1"], /--fleet-retry-after needs --fleet-faults RATE/],
    [["--fleet", "yes"], /Unexpected argument 'yes'/],
  ])("exits 2 with a message for %j", async (args, message) => {
    const mock = run(args);
    expect((await mock.exited).code).toBe(2);
    expect(mock.stderr()).toMatch(message);
    expect(mock.stderr()).toContain("Usage: export-api-mock");
  });

  it("prints its usage for --help, with every flag", async () => {
    const mock = run(["--help"]);
    expect((await mock.exited).code).toBe(0);
    for (const flag of [
      "--connections N",
      "--rate-limit N/MS",
      "--fleet",
      "--fleet-faults RATE",
      "--fleet-retry-after S",
      "/__mock/fleet",
      "--evolve",
      "--fail STATUS",
      "--fault KIND",
      "--control-origin O",
      "--times N",
      "--retry-after S",
      "/__mock/faults",
      "Prefer: code=503",
    ]) {
      expect(mock.stdout()).toContain(flag);
    }
  });
});
