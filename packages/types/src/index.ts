// Public entry point: the generated OpenAPI types and readable aliases for the schemas and operation.
import type { components, operations } from "./generated/openapi.gen.js";

export type { $defs, components, operations, paths, webhooks } from "./generated/openapi.gen.js";
export { SPEC_VERSION, TOP_MAX, TOP_MIN } from "./generated/spec-values.gen.js";

type Schemas = components["schemas"];

/** One of 'User' or 'Service'. */
export type AuthenticationType = Schemas["AuthenticationType"];
/** A hyperlink: `{ href }`. */
export type Link = Schemas["Link"];
/** Paging links of a page: `self`, and `prev`/`next` when there is such a page. */
export type Links = Schemas["Links"];
/** Links of a connection to its iModel, iTwin and last run. */
export type ConnectionLinks = Schemas["ConnectionLinks"];
/** An export connection of an iModel. */
export type ExportConnection = Schemas["ExportConnection"];
/** A page of export connections, as returned by `GET /export/connections`. */
export type ExportConnectionsResponse = Schemas["ExportConnectionsResponse"];
/** Error information: `code`, `message`, optional `target` and `details`. */
export type ApiError = Schemas["Error"];
/** The error body: `{ error: ApiError }`. */
export type ErrorResponse = Schemas["ErrorResponse"];

/** The operation `get-export-connections`. */
export type GetExportConnectionsOperation = operations["get-export-connections"];
/** Query parameters of `GET /export/connections`, named as on the wire (`imodelId`, `$top`, `$skip`). */
export type GetExportConnectionsQuery = GetExportConnectionsOperation["parameters"]["query"];
