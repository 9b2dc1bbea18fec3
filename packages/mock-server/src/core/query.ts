// Reads the query of GET /export/connections with the spec's bounds, and names every invalid parameter the
// way the API does: one `InvalidValue` detail per parameter, in the 422's `details`.
import { type ApiError, isImodelId, SKIP_MAX, SKIP_MIN, TOP_MAX, TOP_MIN } from "@export-api/types";
import type { Parameters } from "./parameters.js";

/** Page size when `$top` is absent. The spec's bounds and pattern come from @export-api/types (inlined at build). */
export const DEFAULT_TOP = 100;

const DIGITS = /^[0-9]+$/;

export interface ConnectionsQuery {
  imodelId: string;
  top: number;
  skip: number;
}

export type QueryResult = { ok: true; query: ConnectionsQuery } | { ok: false; details: ApiError[] };

export function readQuery({ values, malformed }: Parameters): QueryResult {
  const details: ApiError[] = [];
  const invalid = (target: string, message: string) => details.push({ code: "InvalidValue", message, target });

  for (const name of malformed) invalid(name, `Parameter ${name} is not valid percent-encoded UTF-8.`);

  const imodelId = readOne(values, "imodelId", invalid);
  if (imodelId === null) invalid("imodelId", "Required parameter imodelId is missing.");
  else if (imodelId !== undefined && !isImodelId(imodelId))
    invalid("imodelId", "Provided imodelId value is not valid.");

  const top = readInteger(values, "$top", DEFAULT_TOP, invalid);
  if (top === undefined || top < TOP_MIN || top > TOP_MAX) invalid("$top", "Page size is out of limits.");

  const skip = readInteger(values, "$skip", SKIP_MIN, invalid);
  if (skip === undefined || skip < SKIP_MIN || skip > SKIP_MAX) invalid("$skip", "Skip value is not valid.");

  if (details.length > 0) return { ok: false, details: dropRepeats(details) };
  return { ok: true, query: { imodelId: imodelId!, top: top!, skip: skip! } };
}

type Invalid = (target: string, message: string) => void;

/** The single value of a parameter; `null` when absent, `undefined` (and a detail) when it is given twice or more. */
function readOne(values: Parameters["values"], name: string, invalid: Invalid): string | null | undefined {
  const list = values.get(name);
  if (list === undefined) return null;
  if (list.length > 1) {
    invalid(name, `Parameter ${name} must be given once; it was given ${list.length} times.`);
    return undefined;
  }
  return list[0]!;
}

/** The parameter as a non-negative safe integer, its default when absent, or `undefined` when it is not one. */
function readInteger(values: Parameters["values"], name: string, fallback: number, invalid: Invalid) {
  const raw = readOne(values, name, invalid);
  if (raw === null) return fallback;
  if (raw === undefined || !DIGITS.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** One detail per parameter: a repeated or undecodable parameter is not also reported as out of limits. */
function dropRepeats(details: ApiError[]): ApiError[] {
  const seen = new Set<string | undefined>();
  return details.filter((detail) => !seen.has(detail.target) && seen.add(detail.target));
}
