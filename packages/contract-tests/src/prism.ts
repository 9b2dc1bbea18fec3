// Starts a pinned Prism (mock, or validating proxy) from the spec on a free loopback port, waits until it
// answers, and stops it by its own process id.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** Path of the spec every Prism here serves. */
export const SPEC_PATH = require.resolve("@export-api/spec/openapi.yaml");

export interface PrismProcess {
  /** Base URL Prism listens on, e.g. `http://127.0.0.1:43123`. */
  url: string;
  pid: number;
  /** Everything Prism printed so far (its own log of each validation). */
  output(): string;
  /** Stops Prism by process id; resolves once it has exited. Safe to call twice. */
  close(): Promise<void>;
  /** @deprecated Use `close()`, the name every other server of this SDK uses; `stop()` does the same. */
  stop(): Promise<void>;
}

/**
 * `mock` serves the spec's examples. `proxy` forwards to `target` and validates both ways, reporting findings in
 * the `sl-violations` response header. With `errors` (the default) it answers an invalid request itself (401/422,
 * never forwarded) and turns a response violation of severity Error into a 500 problem+json; with
 * `errors: false` it forwards everything and only reports.
 */
export type PrismMode = { kind: "mock" } | { kind: "proxy"; target: string; errors?: boolean };

/** A free TCP port on 127.0.0.1, from the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function prismBin(): string {
  const packageJson = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = require(packageJson) as { bin: Record<string, string> };
  return join(dirname(packageJson), bin.prism ?? "dist/index.js");
}

/** Starts Prism; rejects (after killing it) if it does not answer within `readyTimeoutMs`. */
export async function startPrism(mode: PrismMode, readyTimeoutMs = 30_000): Promise<PrismProcess> {
  const port = await freePort();
  const common = ["--host", "127.0.0.1", "--port", String(port), "--multiprocess=false"];
  // One process, whatever NODE_ENV says: Prism forks under NODE_ENV=production (and 5.16 crashes doing so on
  // Node 20), and a forked server would outlive a stop by pid.
  const args =
    mode.kind === "mock"
      ? ["mock", SPEC_PATH, ...common]
      : ["proxy", SPEC_PATH, mode.target, ...(mode.errors === false ? [] : ["--errors"]), ...common];
  const child = spawn(process.execPath, [prismBin(), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const close = () => stopProcess(child);
  const prism: PrismProcess = { url, pid: child.pid ?? -1, output: () => output, close, stop: close };
  // If the test process dies without teardown, do not leave Prism behind.
  const onExit = () => child.kill("SIGKILL");
  process.once("exit", onExit);
  child.once("exit", () => process.off("exit", onExit));

  try {
    await waitUntilAnswering(url, child, readyTimeoutMs);
  } catch (error) {
    await prism.close();
    throw new Error(`Prism did not start: ${(error as Error).message}\n${output}`);
  }
  return prism;
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Prism exited with code ${child.exitCode}`);
    try {
      // Any HTTP answer (even a 404 for "/") means the server is listening.
      await fetch(url, { signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`no answer on ${url} within ${timeoutMs} ms`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    process.kill(child.pid as number, "SIGTERM");
  });
}
