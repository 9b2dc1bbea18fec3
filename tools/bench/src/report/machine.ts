// The machine a run was measured on, for the report: CPU, cores, memory, Node, OS, load average and date.
import { readFileSync } from "node:fs";
import os from "node:os";

export interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  node: string;
  os: string;
  date: string;
}

function distribution(): string | undefined {
  try {
    return /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync("/etc/os-release", "utf8"))?.[1];
  } catch {
    return undefined;
  }
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism(),
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    os: [distribution(), `${os.type()} ${os.release()} ${os.arch()}`].filter(Boolean).join(", "),
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  };
}

/** The 1, 5 and 15 minute load averages, e.g. `1.52 / 1.31 / 1.10`. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" / ");
}
