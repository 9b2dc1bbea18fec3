// PactFlow's comparator (@pactflow/openapi-pact-comparator), run on the workspace's Node 22: its engines ask for
// Node >= 22 and the gate itself runs on the machine's Node 20. One child process per gate run, whatever the number
// of contracts.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { node22 } from "@export-api/runtimes/binary";

const WORKER = fileURLToPath(new URL("./comparator-worker.mjs", import.meta.url));

/**
 * The comparator's errors and warnings for each pact against the `released` and the `current` spec: `{ node,
 * results }`, `node` the version it ran on and `results` one `{ before, after }` per pact, in the order of `pacts`.
 */
export function compareOnNode22(released, current, pacts) {
  const { binary, from } = node22();
  const run = spawnSync(binary, [WORKER], {
    input: JSON.stringify({ released, current, pacts }),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  if (run.status !== 0) {
    throw new Error(`the Pact comparator failed on ${from} (exit ${run.status ?? run.signal}):\n${run.stderr.trim()}`);
  }
  return JSON.parse(run.stdout);
}
