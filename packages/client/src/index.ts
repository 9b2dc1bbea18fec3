// The public surface of @export-api/client. Nothing under ./internal is exported, but for parseRetryAfter, the
// one reading of Retry-After that the verifier shares.

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
export { validateBaseUrl } from "./base-url.js";
export {
  ACCEPT,
  type AccessToken,
  type CustomFetch,
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
export { parseRetryAfter } from "./internal/retry-after.js";
export { ExportConnectionsIterable, type PageIterator } from "./pagination.js";
export { printable } from "./printable.js";
export { MIN_REDACTED_LENGTH, REDACTED, redactToken } from "./redact.js";
export { ApiPromise, type WithResponse } from "./response.js";
export { VERSION } from "./version.js";
