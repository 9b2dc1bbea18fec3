// The public surface of @export-api/client.

export type {
  ApiError,
  AuthenticationType,
  ConnectionLinks,
  ErrorResponse,
  ExportConnection,
  ExportConnectionsResponse,
  Link,
  Links,
} from "@export-api/types";
/** Page size (`$top`) bounds, generated from the spec. */
export { TOP_MAX, TOP_MIN } from "@export-api/types";
export type { AccessToken } from "./auth.js";
export {
  ACCEPT,
  createExportClient,
  DEFAULT_BASE_URL,
  type ExportClient,
  type ExportClientOptions,
  type GetExportConnectionsParams,
  type IterateExportConnectionsParams,
  type Logger,
  type RequestOptions,
} from "./client.js";
export {
  AuthenticationError,
  ConnectionError,
  ExportApiError,
  type ExportApiErrorInit,
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnprocessableEntityError,
} from "./errors.js";
export { ExportConnectionsIterable } from "./pagination.js";
export { VERSION } from "./version.js";
