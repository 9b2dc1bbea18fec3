// Running the installed consumer project's scripts (see fixtures/consumer) under a runtime.
import { join } from "node:path";
import { runProcess } from "@export-api/test-utils";
import { inject } from "vitest";

/** The consumer project the global setup installed the packed client into. */
export function consumerDir(): string {
  return inject("consumerDir");
}

export function inConsumer(file: string): string {
  return join(consumerDir(), file);
}

/**
 * Runs `binary args` in the consumer project and parses the last line it printed as JSON; fails with everything it
 * printed when it exits non-zero.
 */
export async function runJson(binary: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<any> {
  const result = await runProcess(binary, args, { cwd: consumerDir(), env });
  const printed = `${result.stdout}${result.stderr}`;
  if (result.code !== 0)
    throw new Error(`${binary} ${args.join(" ")} exited ${result.code ?? result.signal}:\n${printed}`);
  const lines = result.stdout.trim().split("\n");
  try {
    return JSON.parse(lines.at(-1)!);
  } catch {
    throw new Error(`${binary} ${args.join(" ")} printed no JSON:\n${printed}`);
  }
}
