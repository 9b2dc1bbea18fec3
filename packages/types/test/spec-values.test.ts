import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, it } from "vitest";
import { parse } from "yaml";
import { SPEC_VERSION, TOP_MAX, TOP_MIN } from "../src/index.js";

const specPath = createRequire(import.meta.url).resolve("@export-api/spec/openapi.yaml");
const spec = parse(readFileSync(specPath, "utf8"));

it("records the info.version of the spec it was generated from", () => {
  expect(SPEC_VERSION).toBe(spec.info.version);
});

it("carries the spec's $top bounds, which the client, mock server, CLI and verifier check against", () => {
  expect({ TOP_MIN, TOP_MAX }).toEqual({
    TOP_MIN: spec.components.parameters.top.schema.minimum,
    TOP_MAX: spec.components.parameters.top.schema.maximum,
  });
});
