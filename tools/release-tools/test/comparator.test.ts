// The Pact comparator runs on the workspace's Node 22 (its engines ask for it), not on the machine's Node 20 the
// gate runs on, and its failures reach the gate as one readable error.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareOnNode22 } from "../src/comparator.mjs";
import { findRoot, RELEASED_SPEC_FILE } from "../src/workspace.mjs";

const root = findRoot();
const released = JSON.parse(readFileSync(join(root, RELEASED_SPEC_FILE), "utf8"));
const cliContract = JSON.parse(readFileSync(join(root, "contracts/export-api-cli.json"), "utf8"));

describe("compareOnNode22", () => {
  it("runs on Node 22 and judges each pact against both specs, in order", () => {
    // $top's maximum lowered to 5: the CLI's contract sends larger pages.
    const lowered = structuredClone(released);
    lowered.components.parameters.top.schema.maximum = 5;
    const { node, results } = compareOnNode22(released, lowered, [cliContract, { ...cliContract, interactions: [] }]);
    expect(process.versions.node.startsWith("20.")).toBe(true);
    expect(node).toMatch(/^22\./);
    expect(results).toHaveLength(2);
    expect(results[0].before).toEqual([]);
    expect(results[0].after).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: "error",
          mockDetails: expect.objectContaining({ location: expect.stringContaining("request.query.$top") }),
        }),
      ]),
    );
    expect(results[1]).toEqual({ before: [], after: [] });
  });

  it("turns a comparator failure into one error naming the runtime and the comparator's message", () => {
    expect(() => compareOnNode22({}, {}, [])).toThrow(
      /^the Pact comparator failed on node@22\.[\d.]+ \(exit 1\):\nMalformed OpenAPI file$/,
    );
  });
});
