// The error bodies the mock sends: the spec's example for every status the spec documents (one home: the spec),
// and the mock's own `{ error: { code, message } }` for what the spec does not document (5xx, 400, 405, ...).
import type { ApiError } from "@export-api/types";
import { SPEC_ERROR_EXAMPLES } from "./spec.js";

/** The spec's example `error` of a documented status; throws if the spec has none (a broken build, not a request). */
export function specError(status: number): ApiError {
  const example = SPEC_ERROR_EXAMPLES.get(status);
  if (!example) throw new Error(`the spec documents no example error for status ${status}`);
  return example.error;
}

/** Errors of statuses the spec does not document: server failures a client must survive. */
const SERVER_ERRORS: Record<number, ApiError> = {
  500: { code: "InternalServerError", message: "The server encountered an internal error." },
  502: { code: "BadGateway", message: "The server received an invalid response from an upstream server." },
  503: { code: "ServiceUnavailable", message: "The service is temporarily unavailable. Try again later." },
  504: { code: "GatewayTimeout", message: "An upstream server did not answer in time." },
};

/** Statuses a status fault or `Prefer: code=` can play: every documented error status, and 500, 502, 503, 504. */
export const PLAYABLE_STATUSES: readonly number[] = [
  ...new Set([...SPEC_ERROR_EXAMPLES.keys(), ...Object.keys(SERVER_ERRORS).map(Number)]),
].sort((a, b) => a - b);

/** The error body for a playable status: the spec's example when it documents one, else the mock's own. */
export function errorForStatus(status: number): ApiError {
  return SPEC_ERROR_EXAMPLES.get(status)?.error ?? SERVER_ERRORS[status] ?? specError(status);
}
