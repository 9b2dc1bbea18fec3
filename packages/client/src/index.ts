// The public surface of @export-api/client: what a user of the SDK needs, and nothing else. The rules the
// workspace's other packages share (redaction, base URLs, printable text, Retry-After, integers) are behind
// `@export-api/client/internal` (src/internal.ts), which carries no semver promise.

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
export {
  ACCEPT,
  createExportClient,
  type ExportClient,
  type GetExportConnectionsParams,
  type IterateExportConnectionsParams,
  type IterateOptions,
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
export {
  type CallEndEvent,
  type CallInfo,
  createHooks,
  type ExportClientHooks,
  type Hooks,
  type PageEvent,
  type RequestEvent,
  type RequestStartEvent,
  type ResponseEvent,
  type RetryEvent,
} from "./hooks.js";
export { type InventoryOptions, type InventoryResult, inventory } from "./inventory.js";
export {
  type AccessToken,
  type CustomFetch,
  DEFAULT_BASE_URL,
  type ExportClientOptions,
  type Logger,
} from "./options.js";
export { ExportConnectionsIterable, type PageIterator, type PageWithResponse } from "./pagination.js";
export { ApiPromise, type WithResponse } from "./response.js";
export { VERSION } from "./version.js";
