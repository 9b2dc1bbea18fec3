// The public surface of @export-api/usage: recordUsage for a consuming team's tests, and the usage contract's format
// (readContract, its provider and provider states) for the tools that verify and gate on it.
export {
  ContractError,
  PROVIDER_NAME,
  PROVIDER_STATES,
  readContract,
  type UsageContract,
  type UsageInteraction,
} from "./internal/contract.js";
export { ContractOutdatedError } from "./internal/write-contract.js";
export { type RecordUsageOptions, recordUsage, type UsageRecorder, type WriteUsageResult } from "./recorder.js";
