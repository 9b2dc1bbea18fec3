// Runs on Node 22 (spawned by comparator.mjs): PactFlow's comparator asks for Node 22 in its engines, and a dev tool
// that needs Node 22 runs on the Node 22 the workspace installs (checks/runtimes), never on ours by luck.
// Reads `{ released, current, pacts }` (JSON) from stdin; writes `{ node, results }`: the Node version it ran on, and
// per pact `{ before, after }`, the comparator's errors and warnings against the released and the current spec.
// A failure prints one line (the comparator's error message) and exits 1.
import { text } from "node:stream/consumers";
import { Comparator } from "@pactflow/openapi-pact-comparator";

async function findings(comparator, pact) {
  const results = [];
  for await (const result of comparator.compare(pact)) {
    if (result.type === "error" || result.type === "warning") results.push(result);
  }
  return results;
}

try {
  const { released, current, pacts } = JSON.parse(await text(process.stdin));
  const judges = { before: new Comparator({ oas: released }), after: new Comparator({ oas: current }) };
  const results = [];
  for (const pact of pacts) {
    results.push({ before: await findings(judges.before, pact), after: await findings(judges.after, pact) });
  }
  process.stdout.write(JSON.stringify({ node: process.versions.node, results }));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
