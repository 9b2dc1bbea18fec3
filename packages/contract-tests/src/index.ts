// The public surface of @export-api/contract-tests: provider verification, its Prism proxies and the Prism helper.
export { InvalidOptionsError, type VerifyProviderOptions, type VerifyProxies } from "./options.js";
export { freePort, type PrismMode, type PrismProcess, SPEC_PATH, startPrism } from "./prism.js";
export { startProxies } from "./proxies.js";
export { formatReport, formatViolation } from "./report.js";
export {
  type ScenarioResult,
  type VerificationReport,
  type Violation,
  verifyProvider,
} from "./verify.js";
