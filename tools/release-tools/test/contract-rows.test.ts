// Every row of the README's contract-gate table, through the gate in a scratch repository: each case is a released
// spec and the spec of today (the repository's spec, changed), and the bump the gate asks of @export-api/spec for
// it. The table is the contract and api-smart-diff only the engine: the cases marked "api-smart-diff:" are those
// where it proposes another class and our rules (src/spec-rules.mjs) decide. Where a row has an OpenAPI 3.1 form
// (type arrays, `const`, `prefixItems`, `contentMediaType`), a case uses it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Bump, repoSpec, type ScratchRepo, scratchRepo } from "./helpers/scratch-repo.js";

type Doc = any;
interface Case {
  change: string;
  /** A change made to both specs first: the released spec already has it. */
  base?: (doc: Doc) => void;
  edit: (doc: Doc) => void;
  needs: Bump;
}

const SPEC = "@export-api/spec";

const operation = (doc: Doc) => doc.paths["/export/connections"].get;
const parameters = (doc: Doc) => doc.components.parameters;
const schemas = (doc: Doc) => doc.components.schemas;
const connection = (doc: Doc) => doc.components.schemas.ExportConnection.properties;
const href = (doc: Doc) => doc.components.schemas.Link.properties.href;
const retryAfter = (doc: Doc) => doc.components.headers["Retry-After"];
const oauth = (doc: Doc) => doc.components.securitySchemes.oauth2;
const scopes = (doc: Doc) => oauth(doc).flows.authorizationCode.scopes;
const required = (doc: Doc) => operation(doc).security[0].oauth2;

/** A POST operation with a JSON request body, for the request-body cases (the API itself only has GET). */
const withCreate = (doc: Doc) => {
  doc.paths["/export/connections"].post = {
    operationId: "create-export-connection",
    requestBody: {
      required: true,
      content: {
        "application/json": {
          schema: { type: "object", required: ["displayName"], properties: { displayName: { type: "string" } } },
        },
      },
    },
    responses: { "201": { description: "Created" } },
  };
};
const createBody = (doc: Doc) => doc.paths["/export/connections"].post.requestBody.content["application/json"].schema;

/** An array query parameter `fields`, a 3.1 tuple whose first position is a string or an integer. */
const withFields = (doc: Doc) => {
  operation(doc).parameters.push({
    name: "fields",
    in: "query",
    schema: { type: "array", prefixItems: [{ type: ["string", "integer"] }] },
  });
};
const fields = (doc: Doc) => operation(doc).parameters[3].schema;

/** A response property `tags`, a 3.1 tuple of a string and an integer. */
const withTags = (doc: Doc) => {
  connection(doc).tags = { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }] };
};

/** An API-key scheme beside OAuth (no operation requires it). */
const withApiKey = (doc: Doc) => {
  doc.components.securitySchemes.apiKey = { type: "apiKey", in: "header", name: "X-Api-Key" };
};

/** The 3.1 way to list values with a description each: `oneOf` of `const`s. */
const authenticationTypeAsConsts = (doc: Doc) => {
  schemas(doc).AuthenticationType = { oneOf: [{ const: "User" }, { const: "Service" }] };
};

const ROWS: [string, Case[]][] = [
  [
    "a narrower request: breaking",
    [
      { change: "a bound tightened ($top's maximum)", edit: (d) => parameters(d).top.schema.maximum--, needs: "major" },
      {
        change: "an optional parameter made required",
        edit: (d) => (parameters(d).top.required = true),
        needs: "major",
      },
      {
        change: "a required parameter added",
        edit: (d) => operation(d).parameters.push({ name: "filter", in: "query", required: true, schema: {} }),
        needs: "major",
      },
      {
        // api-smart-diff: minor
        change: "3.1 type array: null no longer allowed (type: [integer, 'null'] -> integer)",
        base: (d) => (parameters(d).top.schema.type = ["integer", "null"]),
        edit: (d) => (parameters(d).top.schema.type = "integer"),
        needs: "major",
      },
      {
        // api-smart-diff: minor
        change: "an enum on a parameter that had none",
        edit: (d) => (parameters(d).top.schema.enum = [10, 50]),
        needs: "major",
      },
      { change: "3.1 const on a parameter", edit: (d) => (parameters(d).top.schema.const = 50), needs: "major" },
      {
        change: "3.1 contentMediaType on a parameter",
        edit: (d) => (parameters(d).imodelId.schema.contentMediaType = "text/plain"),
        needs: "major",
      },
      {
        change: "3.1 prefixItems: a tuple position narrowed",
        base: withFields,
        edit: (d) => (fields(d).prefixItems[0].type = "string"),
        needs: "major",
      },
      {
        change: "3.1 prefixItems on an array parameter that had none",
        base: (d) => operation(d).parameters.push({ name: "fields", in: "query", schema: { type: "array" } }),
        edit: (d) => (fields(d).prefixItems = [{ type: "string" }]),
        needs: "major",
      },
      {
        // api-smart-diff: minor
        change: "an items schema on an array parameter that had none",
        base: (d) => operation(d).parameters.push({ name: "fields", in: "query", schema: { type: "array" } }),
        edit: (d) => (fields(d).items = { type: "string" }),
        needs: "major",
      },
      {
        change: "a format replaced (uuid -> uri)",
        edit: (d) => (parameters(d).imodelId.schema.format = "uri"),
        needs: "major",
      },
      {
        change: "a request body property made required",
        base: withCreate,
        edit: (d) => {
          createBody(d).properties.note = { type: "string" };
          createBody(d).required.push("note");
        },
        needs: "major",
      },
      {
        // api-smart-diff: minor
        change: "a request body closed (additionalProperties: false)",
        base: withCreate,
        edit: (d) => (createBody(d).additionalProperties = false),
        needs: "major",
      },
    ],
  ],
  [
    "a wider response: breaking",
    [
      {
        // api-smart-diff: minor (issue 17)
        change: "3.1 type array: a property made nullable (type: string -> [string, 'null'])",
        edit: (d) => (connection(d).displayName.type = ["string", "null"]),
        needs: "major",
      },
      {
        change: "3.1 anyOf: a property made nullable",
        edit: (d) => (connection(d).displayName = { anyOf: [{ type: "string" }, { type: "null" }] }),
        needs: "major",
      },
      {
        // api-smart-diff: minor
        change: "a type replaced by a wider one (integer -> number)",
        base: (d) => (connection(d).runCount = { type: "integer", minimum: 0 }),
        edit: (d) => (connection(d).runCount.type = "number"),
        needs: "major",
      },
      {
        change: "a response header's type widened (3.1 type array)",
        edit: (d) => (retryAfter(d).schema.type = ["integer", "string"]),
        needs: "major",
      },
      {
        change: "an enum value added",
        edit: (d) => schemas(d).AuthenticationType.enum.push("Robot"),
        needs: "major",
      },
      {
        // api-smart-diff: minor
        change: "an enum value replaced",
        edit: (d) => (schemas(d).AuthenticationType.enum = ["User", "Robot"]),
        needs: "major",
      },
      {
        // api-smart-diff: minor
        change: "an enum removed",
        edit: (d) => delete schemas(d).AuthenticationType.enum,
        needs: "major",
      },
      {
        // api-smart-diff: minor
        change: "3.1 const replaced (oneOf of consts)",
        base: authenticationTypeAsConsts,
        edit: (d) => (schemas(d).AuthenticationType.oneOf[1].const = "Robot"),
        needs: "major",
      },
      {
        change: "3.1 const widened to an enum",
        base: (d) => (connection(d).displayName.const = "30"),
        edit: (d) => {
          delete connection(d).displayName.const;
          connection(d).displayName.enum = ["30", "31"];
        },
        needs: "major",
      },
      {
        change: "3.1 contentMediaType removed",
        base: (d) => (connection(d).displayName.contentMediaType = "text/plain"),
        edit: (d) => delete connection(d).displayName.contentMediaType,
        needs: "major",
      },
      {
        change: "3.1 contentMediaType replaced",
        base: (d) => (connection(d).displayName.contentMediaType = "text/plain"),
        edit: (d) => (connection(d).displayName.contentMediaType = "text/html"),
        needs: "major",
      },
      {
        change: "3.1 prefixItems: a tuple position removed",
        base: withTags,
        edit: (d) => connection(d).tags.prefixItems.pop(),
        needs: "major",
      },
      {
        change: "3.1 prefixItems: a tuple position widened",
        base: withTags,
        edit: (d) => (connection(d).tags.prefixItems[0].type = ["string", "null"]),
        needs: "major",
      },
      {
        // api-smart-diff: minor
        change: "a pattern replaced",
        edit: (d) => (schemas(d).NextLink.properties.href.pattern = "^https://"),
        needs: "major",
      },
      { change: "a pattern removed", edit: (d) => delete schemas(d).NextLink.properties.href.pattern, needs: "major" },
      {
        // api-smart-diff: minor
        change: "a format replaced (uri -> iri)",
        edit: (d) => (href(d).format = "iri"),
        needs: "major",
      },
      {
        // api-smart-diff: minor
        change: "a not removed",
        base: (d) => (href(d).not = { const: "" }),
        edit: (d) => delete href(d).not,
        needs: "major",
      },
      {
        change: "a property no longer required",
        edit: (d) => schemas(d).ExportConnection.required.pop(),
        needs: "major",
      },
      {
        // api-smart-diff: minor
        change: "a response header no longer required",
        base: (d) => (retryAfter(d).required = true),
        edit: (d) => (retryAfter(d).required = false),
        needs: "major",
      },
      {
        change: "a bound loosened (maxLength removed)",
        base: (d) => (connection(d).displayName.maxLength = 256),
        edit: (d) => delete connection(d).displayName.maxLength,
        needs: "major",
      },
      {
        // api-smart-diff: minor
        change: "a success status added (202)",
        edit: (d) => (operation(d).responses["202"] = { description: "Accepted" }),
        needs: "major",
      },
    ],
  ],
  [
    "security that refuses a caller it let in: breaking",
    [
      {
        // api-smart-diff: minor (issue 17)
        change: "a new required OAuth scope",
        edit: (d) => {
          scopes(d)["itwin-admin"] = "Administer the iTwin Platform.";
          required(d).push("itwin-admin");
        },
        needs: "major",
      },
      { change: "a required scope replaced", edit: (d) => (required(d)[0] = "itwin-admin"), needs: "major" },
      {
        // api-smart-diff: minor
        change: "a scheme required as well (apiKey and oauth2)",
        base: withApiKey,
        edit: (d) => (operation(d).security[0].apiKey = []),
        needs: "major",
      },
      {
        // api-smart-diff: minor
        change: "security on an operation that had none",
        base: (d) => delete operation(d).security,
        edit: (d) => (operation(d).security = [{ oauth2: ["itwin-platform"] }]),
        needs: "major",
      },
      {
        change: "document-wide security, which the operation inherits",
        base: (d) => delete operation(d).security,
        edit: (d) => (d.security = [{ oauth2: ["itwin-platform"] }]),
        needs: "major",
      },
      {
        // api-smart-diff: no change (it was not compared)
        change: "a security scheme's token URL changed",
        edit: (d) => (oauth(d).flows.authorizationCode.tokenUrl = "https://ims.bentley.com/connect/token2"),
        needs: "major",
      },
      {
        // api-smart-diff: no change (it was not compared)
        change: "a scope removed from the scheme",
        base: (d) => (scopes(d)["itwin-admin"] = "Administer the iTwin Platform."),
        edit: (d) => delete scopes(d)["itwin-admin"],
        needs: "major",
      },
      {
        // api-smart-diff: no change (it was not compared)
        change: "a flow removed from the scheme",
        base: (d) =>
          (oauth(d).flows.clientCredentials = { tokenUrl: "https://ims.bentley.com/connect/token", scopes: {} }),
        edit: (d) => delete oauth(d).flows.clientCredentials,
        needs: "major",
      },
    ],
  ],
  [
    "something removed or renamed: breaking",
    [
      {
        change: "an operation removed",
        base: withCreate,
        edit: (d) => delete d.paths["/export/connections"].post,
        needs: "major",
      },
      {
        change: "a path renamed",
        edit: (d) => {
          d.paths["/export/links"] = d.paths["/export/connections"];
          delete d.paths["/export/connections"];
        },
        needs: "major",
      },
      { change: "a parameter removed", edit: (d) => operation(d).parameters.pop(), needs: "major" },
      { change: "a parameter renamed", edit: (d) => (parameters(d).skip.name = "skip"), needs: "major" },
      { change: "a response status removed", edit: (d) => delete operation(d).responses["429"], needs: "major" },
      {
        change: "a response media type removed",
        edit: (d) => delete d.components.responses.ExportConnectionsOk.content["application/json"],
        needs: "major",
      },
      {
        change: "a response header removed",
        edit: (d) => delete d.components.responses.TooManyRequests.headers,
        needs: "major",
      },
      {
        // api-smart-diff: patch
        change: "the server's URL changed",
        edit: (d) => (d.servers[0].url = "https://api2.bentley.com"),
        needs: "major",
      },
      {
        change: "a schema component renamed",
        edit: (d) => {
          const text = JSON.stringify(d).replaceAll('"#/components/schemas/Link"', '"#/components/schemas/Hyperlink"');
          const renamed = JSON.parse(text);
          renamed.components.schemas.Hyperlink = renamed.components.schemas.Link;
          delete renamed.components.schemas.Link;
          Object.assign(d, renamed);
        },
        needs: "major",
      },
      {
        // api-smart-diff: minor
        change: "a security scheme removed",
        base: withApiKey,
        edit: (d) => delete d.components.securitySchemes.apiKey,
        needs: "major",
      },
    ],
  ],
  [
    "a change neither api-smart-diff nor our rules classify: breaking",
    [
      {
        change: "3.1 a webhook added",
        edit: (d) => (d.webhooks = { connectionAdded: { post: { responses: { "200": { description: "OK" } } } } }),
        needs: "major",
      },
      {
        change: "3.1 minContains, which our rules do not compare",
        base: (d) => (schemas(d).ExportConnectionsResponse.properties.connections.contains = { type: "object" }),
        edit: (d) => (schemas(d).ExportConnectionsResponse.properties.connections.minContains = 1),
        needs: "major",
      },
    ],
  ],
  [
    "an addition, a wider request or a narrower response: non-breaking",
    [
      {
        change: "an optional parameter added",
        edit: (d) => operation(d).parameters.push({ name: "filter", in: "query", schema: { type: "string" } }),
        needs: "minor",
      },
      {
        change: "a response property added",
        edit: (d) => (connection(d).createdDateTime = { type: "string", format: "date-time" }),
        needs: "minor",
      },
      {
        change: "a response header added",
        edit: (d) =>
          (d.components.responses.ExportConnectionsOk.headers = { "X-Total": { schema: { type: "integer" } } }),
        needs: "minor",
      },
      {
        change: "a response media type added",
        edit: (d) => (d.components.responses.ExportConnectionsOk.content["text/csv"] = { schema: { type: "string" } }),
        needs: "minor",
      },
      {
        change: "an error status added (503)",
        edit: (d) => (operation(d).responses["503"] = { description: "Unavailable" }),
        needs: "minor",
      },
      {
        change: "a bound loosened in a request ($top's maximum)",
        edit: (d) => (parameters(d).top.schema.maximum = 2000),
        needs: "minor",
      },
      {
        change: "3.1 type array: null allowed in a request",
        edit: (d) => (parameters(d).top.schema.type = ["integer", "null"]),
        needs: "minor",
      },
      {
        change: "an enum value added to a request",
        base: (d) => (parameters(d).top.schema.enum = [10, 50]),
        edit: (d) => parameters(d).top.schema.enum.push(100),
        needs: "minor",
      },
      {
        change: "an enum value removed from a response",
        edit: (d) => schemas(d).AuthenticationType.enum.pop(),
        needs: "minor",
      },
      {
        change: "3.1 const on a response property",
        edit: (d) => (connection(d).displayName.const = "30"),
        needs: "minor",
      },
      {
        // api-smart-diff: major (it does not know the keyword)
        change: "3.1 contentMediaType on a response property",
        edit: (d) => (connection(d).displayName.contentMediaType = "text/plain"),
        needs: "minor",
      },
      {
        // api-smart-diff: major (it does not know the keyword)
        change: "3.1 prefixItems: a tuple position added to a response",
        base: withTags,
        edit: (d) => connection(d).tags.prefixItems.push({ type: "boolean" }),
        needs: "minor",
      },
      {
        // api-smart-diff: major
        change: "an items schema on a response array that had none",
        base: (d) => (connection(d).tags = { type: "array" }),
        edit: (d) => (connection(d).tags.items = { type: "string" }),
        needs: "minor",
      },
      {
        // api-smart-diff: major
        change: "a required scope dropped",
        base: (d) => {
          scopes(d)["itwin-admin"] = "Administer the iTwin Platform.";
          required(d).push("itwin-admin");
        },
        edit: (d) => required(d).pop(),
        needs: "minor",
      },
      {
        change: "another way in: an alternative security requirement",
        base: withApiKey,
        edit: (d) => operation(d).security.push({ apiKey: [] }),
        needs: "minor",
      },
      {
        // api-smart-diff: no change (it was not compared)
        change: "a scope added to the scheme",
        edit: (d) => (scopes(d)["itwin-admin"] = "Administer the iTwin Platform."),
        needs: "minor",
      },
      {
        // api-smart-diff: no change (it was not compared)
        change: "a flow added to the scheme",
        edit: (d) =>
          (oauth(d).flows.clientCredentials = { tokenUrl: "https://ims.bentley.com/connect/token", scopes: {} }),
        needs: "minor",
      },
      {
        // api-smart-diff: patch
        change: "a server added",
        edit: (d) => d.servers.push({ url: "https://eu.api.bentley.com" }),
        needs: "minor",
      },
      { change: "a deprecation", edit: (d) => (parameters(d).skip.deprecated = true), needs: "minor" },
    ],
  ],
  [
    "documentation-only: a patch",
    [
      { change: "a description", edit: (d) => (parameters(d).skip.description += " More words."), needs: "patch" },
      { change: "a summary", edit: (d) => (operation(d).summary = "List export connections"), needs: "patch" },
      { change: "a title", edit: (d) => (schemas(d).ExportConnection.title = "Connection"), needs: "patch" },
      { change: "an example", edit: (d) => (parameters(d).top.example = 20), needs: "patch" },
      {
        change: "3.1 examples in a schema",
        edit: (d) => (connection(d).displayName.examples = ["30"]),
        needs: "patch",
      },
      {
        // api-smart-diff: major (it does not know the keyword)
        change: "3.1 $comment",
        edit: (d) => (connection(d).displayName.$comment = "Shown in the iTwin portal."),
        needs: "patch",
      },
      {
        // api-smart-diff: major (it does not know prefixItems)
        change: "3.1 prefixItems: a description inside",
        base: withTags,
        edit: (d) => (connection(d).tags.prefixItems[0].description = "The tag's name."),
        needs: "patch",
      },
      {
        // api-smart-diff: major
        change: "a tag's description",
        edit: (d) => (d.tags[0].description = "Connections that export an iModel."),
        needs: "patch",
      },
      {
        // api-smart-diff: no change (it was not compared)
        change: "a scope's description",
        edit: (d) => (scopes(d)["itwin-platform"] = "Everything of the iTwin Platform."),
        needs: "patch",
      },
      {
        change: "a server's description",
        edit: (d) => (d.servers[0].description = "The iTwin Platform"),
        needs: "patch",
      },
    ],
  ],
];

let repo: ScratchRepo;
beforeAll(() => {
  repo = scratchRepo();
});
afterAll(() => repo.remove());

describe.each(ROWS)("%s", (_row, cases) => {
  it.each(cases)("$change: $needs", async ({ base, edit, needs }) => {
    const before = repoSpec();
    base?.(before);
    const after = structuredClone(before);
    edit(after);
    expect(after, "the case changes nothing").not.toEqual(before);
    repo.setSpecs(before, after);
    const { result, output } = await repo.checkContract();
    expect(result.required.get(SPEC)?.level ?? "none", output).toBe(needs);
  });
});
