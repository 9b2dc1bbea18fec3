import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, it } from "vitest";
import { parse } from "yaml";
import { SPEC_VERSION } from "../src/index.js";

it("records the info.version of the spec it was generated from", () => {
  const specPath = createRequire(import.meta.url).resolve("@export-api/spec/openapi.yaml");
  expect(SPEC_VERSION).toBe(parse(readFileSync(specPath, "utf8")).info.version);
});
