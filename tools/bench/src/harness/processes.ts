// Child processes: a script run to its end (a heap run, one cold import, a load generator), or a server that runs
// until closed. Every child is stopped by its own process id, and killed if this process exits first.
import { type ChildProcess, spawn } from "node:child_process";

/** Runs `node ...nodeArgs script ...args` to its end; resolves to its stdout, rejects with stderr on a failure. */
export function runNode(
  script: string,
  args: readonly string[] = [],
  nodeArgs: readonly string[] = [],
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("close", (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${script} ${args.join(" ")} exited with ${code}:\n${stderr}`));
    });
  });
}

/** The last line of a child's output, parsed as JSON: how children report their result. */
export function lastJsonLine<T>(stdout: string): T {
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1] ?? "null") as T;
}

export interface ServerProcess {
  /** The URL the server printed. */
  url: string;
  /** What it printed so far. */
  output(): string;
  /** Stops it by process id (SIGTERM, SIGKILL after 5 s); resolves once it has exited. Safe to call twice. */
  close(): Promise<void>;
}

/** Starts `node script ...args` and resolves once its output says it is listening (`listening on <url>`). */
export function startServerProcess(script: string, args: readonly string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        child.stdout?.off("data", onData);
        // Keep reading (and dropping) its output so a chatty server never blocks on a full pipe.
        child.stdout?.resume();
        resolve({ url, output: () => output, close: () => stop(child) });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code} before listening:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
