import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, it } from "vitest";
import { parse } from "yaml";
import {
  IMODEL_ID_PATTERN,
  SKIP_MAX,
  SKIP_MIN,
  SPEC_VERSION,
  TOP_MAX,
  TOP_MIN,
  VENDOR_MEDIA_TYPE,
} from "../src/index.js";

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

it("carries the $skip bounds; the maximum is the largest integer JavaScript holds exactly", () => {
  expect({ SKIP_MIN, SKIP_MAX }).toEqual({
    SKIP_MIN: spec.components.parameters.skip.schema.minimum,
    SKIP_MAX: spec.components.parameters.skip.schema.maximum,
  });
  expect(SKIP_MAX).toBe(Number.MAX_SAFE_INTEGER);
});

it("carries the vendor media type the 200 response is declared in, beside application/json", () => {
  expect(Object.keys(spec.components.responses.ExportConnectionsOk.content).sort()).toEqual(
    [VENDOR_MEDIA_TYPE, "application/json"].sort(),
  );
});

it("carries the imodelId pattern, which accepts a GUID in either case and nothing else", () => {
  expect(IMODEL_ID_PATTERN).toBe(spec.components.parameters.imodelId.schema.pattern);
  const guid = new RegExp(IMODEL_ID_PATTERN);
  expect(guid.test(spec.components.parameters.imodelId.example)).toBe(true);
  expect(guid.test(spec.components.parameters.imodelId.example.toUpperCase())).toBe(true);
  for (const bad of ["", "not-a-guid", `${spec.components.parameters.imodelId.example}0`, "a0471655-6b18-419e-ab01"]) {
    expect(guid.test(bad)).toBe(false);
  }
});
