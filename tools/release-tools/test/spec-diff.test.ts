// How api-smart-diff's classes, and our rules where they disagree, become bumps, on the repository's own spec: each
// case changes one thing. Every row of the README's table is checked through the gate in contract-rows.test.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compareSpecs } from "../src/spec-diff.mjs";
import { REPO } from "./helpers/scratch-repo.js";

const spec = () => parse(readFileSync(join(REPO, "spec/openapi.yaml"), "utf8"));

/** The levels and locations of the changes `change` makes to the spec. */
async function levels(change: (doc: any) => void) {
  const after = spec();
  change(after);
  return (await compareSpecs(spec(), after)).map(({ level, location }) => `${level} ${location}`);
}

const OPERATION = "/paths/~1export~1connections/get";
const RESPONSE_ITEM = `${OPERATION}/responses/200/content/application~1json/schema/properties/connections/items`;

describe("compareSpecs", () => {
  it("finds nothing between a spec and itself", async () => {
    expect(await levels(() => {})).toEqual([]);
  });

  it("a narrower request parameter is breaking (major)", async () => {
    const changes = await levels((doc) => {
      doc.components.parameters.top.schema.maximum -= 1;
    });
    expect(changes).toEqual([`major ${OPERATION}/parameters/1/schema/maximum`]);
  });

  it("a response property that is no longer required is breaking, one more is not", async () => {
    const removed = await levels((doc) => {
      doc.components.schemas.ExportConnection.required.pop();
    });
    expect(removed).toContain(`major ${RESPONSE_ITEM}/required/5`);
    const added = await levels((doc) => {
      doc.components.schemas.ExportConnection.properties.note = { type: "string" };
    });
    expect(added).toContain(`minor ${RESPONSE_ITEM}/properties/note`);
  });

  it("a new value a response may carry is breaking; a tighter response is not", async () => {
    const enumAdded = await levels((doc) => {
      doc.components.schemas.AuthenticationType.enum.push("Robot");
    });
    expect(enumAdded.every((change) => change.startsWith("major "))).toBe(true);
    const tighter = await levels((doc) => {
      doc.components.schemas.ExportConnection.properties.displayName.maxLength = 100;
    });
    expect(tighter).toContain(`minor ${RESPONSE_ITEM}/properties/displayName/maxLength`);
  });

  it("descriptions and examples are documentation-only (patch)", async () => {
    const changes = await levels((doc) => {
      doc.components.parameters.skip.description += " More words.";
      doc.components.parameters.top.example += 1;
      doc.components.examples.ExportConnectionsPage.value.connections[0].displayName = "31";
    });
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((change) => change.startsWith("patch "))).toBe(true);
  });

  it("inside `not` the direction turns: a response refusing more values is narrower, refusing fewer wider", async () => {
    const refusing = (values: string[]) => (doc: any) => {
      doc.components.schemas.Link.properties.href.not = { enum: values };
    };
    const before = spec();
    refusing([""])(before);
    const after = spec();
    refusing(["", "about:blank"])(after);
    const more = (await compareSpecs(before, after)).map(({ level }) => level);
    const fewer = (await compareSpecs(after, before)).map(({ level }) => level);
    expect(more.length).toBeGreaterThan(0);
    expect(more.every((level) => level === "minor")).toBe(true);
    expect(fewer.length).toBeGreaterThan(0);
    expect(fewer.every((level) => level === "major")).toBe(true);
  });

  it("a rule that overrides api-smart-diff says so, with its reason", async () => {
    const after = spec();
    after.components.schemas.ExportConnection.properties.displayName.type = ["string", "null"];
    const [change] = await compareSpecs(spec(), after);
    expect(change?.level).toBe("major");
    expect(change?.description).toMatch(/: "string" -> \["string","null"\] \(our rule "allowed values": .+\)$/);
  });

  it("a component renamed is breaking: generators and other documents name it", async () => {
    const changes = await levels((doc) => {
      doc.components.schemas.Renamed = doc.components.schemas.Link;
      delete doc.components.schemas.Link;
      const text = JSON.stringify(doc).replaceAll('"#/components/schemas/Link"', '"#/components/schemas/Renamed"');
      Object.assign(doc, JSON.parse(text));
    });
    expect(changes).toContain("major /components/schemas/Link");
  });
});
