// Every example in the spec must satisfy the schema it illustrates, and the schemas must reject what the
// reference page rules out. OpenAPI 3.1 schemas are JSON Schema 2020-12, so Ajv 2020 validates them.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const spec = parse(readFileSync(new URL("../openapi.yaml", import.meta.url), "utf8"));
const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS with a `default` property; under NodeNext its default import is the module object.
const addFormats = formats as unknown as typeof formats.default;
addFormats(ajv);
ajv.addSchema({ $id: "spec", components: spec.components });

function validatorFor(ref: string) {
  const schemaRef = `spec${ref}`;
  const validate = ajv.getSchema(schemaRef);
  if (!validate) throw new Error(`no schema at ${ref}`);
  return validate;
}

function resolve<T>(node: T | { $ref: string }): T {
  if (node && typeof node === "object" && "$ref" in node) {
    const path = node.$ref.replace(/^#\//, "").split("/");
    return path.reduce((at: any, key) => at[key], spec) as T;
  }
  return node as T;
}

type MediaType = { schema: { $ref: string }; examples?: Record<string, { $ref: string } | { value: unknown }> };
type Response = { content?: Record<string, MediaType> };

const operation = spec.paths["/export/connections"].get;
const cases = Object.entries(operation.responses as Record<string, Response>).flatMap(([status, response]) =>
  Object.entries(resolve(response).content ?? {}).flatMap(([mediaType, media]) =>
    Object.entries(media.examples ?? {}).map(([name, example]) => ({
      status,
      mediaType,
      name,
      schemaRef: media.schema.$ref,
      value: (resolve(example) as { value: unknown }).value,
    })),
  ),
);

describe("examples in openapi.yaml", () => {
  it("covers every documented status", () => {
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(["200", "401", "403", "404", "422", "429"]));
  });

  it.each(cases)("$status $mediaType example '$name' matches $schemaRef", ({ schemaRef, value }) => {
    const validate = validatorFor(schemaRef);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe("schemas reject what the reference rules out", () => {
  const page = structuredClone(resolve<{ value: any }>({ $ref: "#/components/examples/ExportConnectionsPage" }).value);
  const validPage = validatorFor("#/components/schemas/ExportConnectionsResponse");
  const validError = validatorFor("#/components/schemas/ErrorResponse");

  it("accepts both authentication types", () => {
    for (const authenticationType of ["User", "Service"]) {
      const candidate = structuredClone(page);
      candidate.connections[0].authenticationType = authenticationType;
      expect(validPage(candidate)).toBe(true);
    }
  });

  it("rejects an unknown authenticationType", () => {
    const candidate = structuredClone(page);
    candidate.connections[0].authenticationType = "Robot";
    expect(validPage(candidate)).toBe(false);
  });

  it("rejects a page without connections", () => {
    const { connections: _dropped, ...candidate } = structuredClone(page);
    expect(validPage(candidate)).toBe(false);
  });

  it("rejects a page without _links", () => {
    const { _links: _dropped, ...candidate } = structuredClone(page);
    expect(validPage(candidate)).toBe(false);
  });

  it("rejects a connection without its links", () => {
    const candidate = structuredClone(page);
    delete candidate.connections[0]._links.lastRun;
    expect(validPage(candidate)).toBe(false);
  });

  it("accepts a next link that carries $skip and $top, in either order, among other parameters", () => {
    for (const href of [
      "https://api.bentley.com/export/connections?$skip=100&$top=100",
      "http://127.0.0.1:4010/prefix/export/connections?$top=10&$skip=20",
      "https://api.bentley.com/export/connections?$skip=5&x=1&$top=5",
    ]) {
      const candidate = structuredClone(page);
      candidate._links.next = { href };
      expect(validPage(candidate), href).toBe(true);
    }
  });

  it("rejects a next link a client could not follow: relative, or without $skip or $top", () => {
    for (const href of [
      "/export/connections?$skip=100&$top=100",
      "https://api.bentley.com/export/connections?$top=100",
      "https://api.bentley.com/export/connections?$skip=100",
      "https://api.bentley.com/export/connections?$skip=100&$top=0",
    ]) {
      const candidate = structuredClone(page);
      candidate._links.next = { href };
      expect(validPage(candidate), href).toBe(false);
    }
  });

  it("accepts what a newer API may add: unknown properties on the page, its connections, links and errors", () => {
    const candidate = structuredClone(page);
    candidate.totalCount = 1;
    candidate._links.first = { href: candidate._links.self.href, title: "first" };
    for (const connection of candidate.connections) {
      connection.state = "Active";
      connection._links.runs = { href: `${connection._links.lastRun.href}/..`, templated: false };
      connection._links.iModel.type = "application/json";
    }
    expect(validPage(candidate), JSON.stringify(validPage.errors)).toBe(true);
    const error = { error: { code: "C", message: "m", innerError: { requestId: "r" } }, traceId: "t" };
    expect(validError(error), JSON.stringify(validError.errors)).toBe(true);
  });

  it("closes no object schema to unknown properties (no additionalProperties or unevaluatedProperties: false)", () => {
    const closed: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (typeof node !== "object" || node === null) return;
      for (const [key, child] of Object.entries(node)) {
        if ((key === "additionalProperties" || key === "unevaluatedProperties") && child === false) closed.push(path);
        else visit(child, `${path}/${key}`);
      }
    };
    visit(spec.components.schemas, "#/components/schemas");
    expect(closed).toEqual([]);
  });

  it("rejects an error without code", () => {
    expect(validError({ error: { message: "Cannot perform operation." } })).toBe(false);
  });

  it("rejects a detail without code", () => {
    expect(
      validError({ error: { code: "InvalidConnectionsRequest", message: "m", details: [{ message: "x" }] } }),
    ).toBe(false);
  });
});

describe("parameters", () => {
  const params = Object.fromEntries(
    (operation.parameters as { $ref: string }[]).map((p) => {
      const param = resolve<{ name: string; required?: boolean; schema: Record<string, unknown> }>(p);
      return [param.name, param];
    }),
  );

  it("requires imodelId and bounds $top and $skip", () => {
    expect(params.imodelId?.required).toBe(true);
    expect(params.$top?.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 1000 });
    expect(params.$skip?.schema).toMatchObject({ type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
  });

  it("declares Retry-After on 429", () => {
    expect(resolve<{ headers: Record<string, unknown> }>(operation.responses["429"]).headers).toHaveProperty(
      "Retry-After",
    );
  });
});
