// The public surface of @export-api/mock-server (node:http). The MSW transport is `@export-api/mock-server/msw`.
export type {
  CheckedFault as QueuedFault,
  DelayFault,
  EchoAuthorizationFault,
  Fault,
  FaultKind,
  FaultScope,
  FaultStatus,
  HtmlErrorFault,
  PlainFault,
  SlowBodyFault,
  StatusFault,
} from "./core/faults.js";
export type { MockControls } from "./core/mock-core.js";
export type { MockOptions } from "./core/options.js";
export type { RateLimit } from "./core/rate-limit.js";
export type { LoggedRequest } from "./core/request-log.js";
export { type MockServer, type MockServerOptions, startMockServer } from "./server.js";
