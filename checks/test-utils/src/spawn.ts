// Child processes for tests: run one to the end and collect what it printed, or start one that keeps running
// (a server) and wait for what it prints.
import { type ChildProcess, spawn } from "node:child_process";

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  /** The child's whole environment. Default: this process's. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** A file descriptor the child writes its stdout to (e.g. `openSync("/dev/full", "w")`); default a pipe we read. */
  stdout?: number;
}

export interface RunningProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout matches `pattern`; rejects if the process exits first. */
  waitForOutput(pattern: RegExp): Promise<RegExpExecArray>;
  /** Resolves with the result once the process has exited and its streams are closed. */
  exited: Promise<ProcessResult>;
}

/** Starts `command` with `args`, collecting stdout and stderr as text. */
export function startProcess(command: string, args: string[], options: ProcessOptions = {}): RunningProcess {
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ["ignore", options.stdout ?? "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const watchers = new Set<() => void>();
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    for (const watcher of watchers) watcher();
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<ProcessResult>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      for (const watcher of watchers) watcher();
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForOutput(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (match) {
            watchers.delete(check);
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            watchers.delete(check);
            reject(
              new Error(
                `exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${stdout}${stderr}`,
              ),
            );
          }
        };
        watchers.add(check);
        check();
      });
    },
  };
}

/** Runs `command` with `args` to the end; resolves with its exit code and everything it printed. */
export function runProcess(command: string, args: string[], options: ProcessOptions = {}): Promise<ProcessResult> {
  return startProcess(command, args, options).exited;
}

/** Runs a Node script (a built bin) with this process's Node. */
export function runNode(script: string, args: string[], options: ProcessOptions = {}): Promise<ProcessResult> {
  return runProcess(process.execPath, [script, ...args], options);
}
