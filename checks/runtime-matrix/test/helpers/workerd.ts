// A workerd worker for a test: the fixture's worker.mjs bundled with the installed client by esbuild (as wrangler
// would), served by `workerd serve config.capnp` on a loopback port that workerd reports on its control descriptor.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { WORKERD } from "@export-api/runtimes";
import { build } from "esbuild";
import { consumerDir, inConsumer } from "./consumer.js";

export interface Worker {
  url: string;
  /** Stops workerd; resolves once it has exited. */
  close(): Promise<void>;
}

/** Bundles fixtures/consumer/worker.mjs into worker.bundle.mjs, resolving imports from the installed packages. */
export async function bundleWorker(): Promise<void> {
  await build({
    absWorkingDir: consumerDir(),
    entryPoints: ["worker.mjs"],
    outfile: "worker.bundle.mjs",
    bundle: true,
    format: "esm",
    // wrangler's settings for a worker: no Node built-ins, the conditions workerd answers to.
    platform: "neutral",
    conditions: ["workerd", "worker", "browser", "import"],
    mainFields: ["module", "main"],
    logLevel: "error",
  });
}

/** Starts workerd with config.capnp; resolves once its socket listens. */
export async function startWorker(): Promise<Worker> {
  // fd 3 is the control descriptor: workerd writes {"event":"listen","socket":"http","port":N} there when ready.
  const child = spawn(WORKERD.binary, ["serve", inConsumer("config.capnp"), "--control-fd", "3"], {
    cwd: consumerDir(),
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code, signal) =>
      reject(new Error(`workerd exited (${code ?? signal}) before listening:\n${output}`)),
    );
    createInterface({ input: child.stdio[3] as Readable }).on("line", (line) => {
      const message = JSON.parse(line) as { event?: string; socket?: string; port?: number };
      if (message.event === "listen" && message.socket === "http") resolve(message.port!);
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await exited;
    },
  };
}
