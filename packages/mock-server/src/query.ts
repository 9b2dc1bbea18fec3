// Reads the query of GET /export/connections with the spec's bounds, and names every invalid parameter the
// way the API does: one `InvalidValue` detail per parameter, in the 422's `details`.
import { type ApiError, IMODEL_ID_PATTERN, SKIP_MAX, SKIP_MIN, TOP_MAX, TOP_MIN } from "@export-api/types";

/** Page size when `$top` is absent. The spec's bounds and pattern come from @export-api/types (inlined at build). */
export const DEFAULT_TOP = 100;

const GUID = new RegExp(IMODEL_ID_PATTERN);
const DIGITS = /^[0-9]+$/;

export interface ConnectionsQuery {
  imodelId: string;
  top: number;
  skip: number;
}

export type QueryResult = { ok: true; query: ConnectionsQuery } | { ok: false; details: ApiError[] };

export function readQuery(search: URLSearchParams): QueryResult {
  const details: ApiError[] = [];
  const invalid = (target: string, message: string) => details.push({ code: "InvalidValue", message, target });

  const imodelIds = search.getAll("imodelId");
  if (imodelIds.length === 0) invalid("imodelId", "Required parameter imodelId is missing.");
  else if (imodelIds.length > 1 || !GUID.test(imodelIds[0]!))
    invalid("imodelId", "Provided imodelId value is not valid.");

  const top = readInteger(search, "$top", DEFAULT_TOP);
  if (top === undefined || top < TOP_MIN || top > TOP_MAX) invalid("$top", "Page size is out of limits.");

  const skip = readInteger(search, "$skip", SKIP_MIN);
  if (skip === undefined || skip < SKIP_MIN || skip > SKIP_MAX) invalid("$skip", "Skip value is not valid.");

  if (details.length > 0) return { ok: false, details };
  return { ok: true, query: { imodelId: imodelIds[0]!, top: top!, skip: skip! } };
}

/** The parameter as a non-negative integer, its default when absent, or `undefined` when it is not one. */
function readInteger(search: URLSearchParams, name: string, fallback: number): number | undefined {
  const values = search.getAll(name);
  if (values.length === 0) return fallback;
  if (values.length > 1 || !DIGITS.test(values[0]!)) return undefined;
  const value = Number(values[0]);
  return Number.isSafeInteger(value) ? value : undefined;
}
