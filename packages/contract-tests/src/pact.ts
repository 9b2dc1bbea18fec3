// The `pact` binary of @pact-foundation/pact-cli (its verifier), found through the npm package that ships it for this
// platform: nothing is downloaded when it runs. It is an optional peer dependency: only `verifyContracts` needs it.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** The version this package is tested with; the error for a missing binary asks for it. */
export const PACT_CLI_PACKAGE = "@pact-foundation/pact-cli@18.1.2";

/** The path of the `pact` binary, or an Error saying what to install. */
export function pactBinary(): string {
  let packageJson: string;
  try {
    packageJson = require.resolve("@pact-foundation/pact-cli/package.json");
  } catch {
    throw new Error(
      `verifying usage contracts needs the pact verifier: npm install --save-dev ${PACT_CLI_PACKAGE} (an optional peer dependency of @export-api/contract-tests)`,
    );
  }
  // The package's own lookup of its platform package (@pact-foundation/pact-cli-<os>-<arch>).
  const standalone = require(join(dirname(packageJson), "src/pact-standalone.js")) as {
    standalone(): { pactFullPath: string };
  };
  try {
    return standalone.standalone().pactFullPath;
  } catch (error) {
    throw new Error(
      `the pact verifier of ${PACT_CLI_PACKAGE} is not installed for this platform: ${(error as Error).message}`,
    );
  }
}

export interface PactRun {
  code: number | null;
  output: string;
}

/** Runs `pact <args>` to its end (killed after `timeoutMs`), with Pact's telemetry off. */
export function runPact(args: string[], timeoutMs: number): Promise<PactRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(pactBinary(), args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PACT_DO_NOT_TRACK: "true" },
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    // If this process dies first, do not leave the verifier behind.
    const onExit = () => child.kill("SIGKILL");
    process.once("exit", onExit);
    child.once("error", (error) => {
      clearTimeout(timer);
      process.off("exit", onExit);
      reject(error);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      process.off("exit", onExit);
      resolve({ code, output });
    });
  });
}
