// The types both entry points export, the node:http one (index.ts) and the MSW one (msw.ts): one list, so they
// cannot drift apart.
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
} from "./faults.js";
export type { FlakyImodel, FleetFaultClass, FleetFaults, FleetInfo } from "./fleet.js";
export type { MockControls } from "./mock-core.js";
export type { MockOptions } from "./options.js";
export type { RateLimit } from "./rate-limit.js";
export type { LoggedFleetFault, LoggedRateLimit, LoggedRequest } from "./request-log.js";
