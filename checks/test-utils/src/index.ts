// Shared test helpers of this workspace (private, never published). See README.md for what each module holds.
export {
  type ConsumerProject,
  createConsumerProject,
  openConsumerProject,
  withoutPackageManagerVariables,
} from "./consumer-project.js";
export { it, type Serve, test } from "./fixtures.js";
export { IMODEL_ID, PUBLIC_HOST, UNKNOWN_IMODEL_ID } from "./ids.js";
export {
  type Handler,
  type ReceivedRequest,
  sendJson,
  sendText,
  sequence,
  startServer,
  type TestServer,
} from "./loopback.js";
export { apiError, collect, type PagedOptions, page, paged } from "./pages.js";
export { childPids, eventually, isAlive } from "./process.js";
export { propertySettings } from "./properties.js";
export {
  type ProcessOptions,
  type ProcessResult,
  type RunningProcess,
  runNode,
  runProcess,
  startProcess,
} from "./spawn.js";
export { schemaValidator, spec, type Validation, validateError, validatePage } from "./spec.js";
export { CLIENT_TIMERS, watchTimers, watchUnhandledRejections } from "./watch.js";
export { builtBin, type PublicPackage, pack, publicPackages, WORKSPACE_ROOT } from "./workspace.js";
