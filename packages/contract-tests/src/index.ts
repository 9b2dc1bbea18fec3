// The public surface of @export-api/contract-tests: provider verification, its Prism proxies and the Prism helper,
// and the replay of consuming teams' usage contracts.
export {
  type ConsumerResult,
  type ContractNeeds,
  type ContractsReport,
  contractNeeds,
  formatContractsReport,
  type InteractionResult,
  type VerifyContractsOptions,
  verifyContracts,
} from "./contracts.js";
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
