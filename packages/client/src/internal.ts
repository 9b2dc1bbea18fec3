// `@export-api/client/internal`: the rules this workspace's other packages (the CLI, the mock server, the
// verifier) share with the client, so each has one home. Not for applications: no semver promise, any release may
// change or remove any of it. Applications import `@export-api/client`.

export { validateBaseUrl } from "./internal/base-url.js";
export { printable } from "./internal/printable.js";
export { MIN_REDACTED_LENGTH, REDACTED, redactToken } from "./internal/redact.js";
export { parseRetryAfter } from "./internal/retry-after.js";
export { describeValue, readInteger, validateInteger } from "./internal/validate.js";
