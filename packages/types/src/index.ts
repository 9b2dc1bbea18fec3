// Public entry point: the generated OpenAPI types and readable aliases for the schemas and operation.
import type { components, operations } from "./generated/openapi.gen.js";

export type { $defs, components, operations, paths, webhooks } from "./generated/openapi.gen.js";
export {
  IMODEL_ID_PATTERN,
  SERVER_URL,
  SKIP_MAX,
  SKIP_MIN,
  SPEC_VERSION,
  TOP_MAX,
  TOP_MIN,
  VENDOR_MEDIA_TYPE,
} from "./generated/spec-values.gen.js";
export { isImodelId } from "./imodel-id.js";

type Schemas = components["schemas"];

/** One of 'User' or 'Service'. */
export type AuthenticationType = Schemas["AuthenticationType"];
/** A hyperlink: `{ href }`. */
export type Link = Schemas["Link"];
/** Paging links of a page: `self`, and `prev`/`next` when there is such a page. */
export type Links = Schemas["Links"];
/** Links of a connection to its iModel, iTwin and last run. */
export type ConnectionLinks = Schemas["ConnectionLinks"];
/**
 * An export connection of an iModel.
 *
 * One word, two spellings, both the API's own: the request's query parameter is `imodelId` (lower-case m, see
 * {@link GetExportConnectionsQuery}), the connection's field is `iModelId` (capital M). This SDK keeps each
 * spelling where the wire has it and never converts between them.
 */
export type ExportConnection = Schemas["ExportConnection"];
/** A page of export connections, as returned by `GET /export/connections`. */
export type ExportConnectionsResponse = Schemas["ExportConnectionsResponse"];
/** Error information: `code`, `message`, optional `target` and `details`. */
export type ApiError = Schemas["ApiError"];
/** The error body: `{ error: ApiError }`. */
export type ErrorResponse = Schemas["ErrorResponse"];

/** The operation `get-export-connections`. */
export type GetExportConnectionsOperation = operations["get-export-connections"];
/** Query parameters of `GET /export/connections`, named as on the wire (`imodelId`, `$top`, `$skip`). */
export type GetExportConnectionsQuery = GetExportConnectionsOperation["parameters"]["query"];
