// The spec's iModel id pattern (a GUID), compiled once for every package that checks one.
import { IMODEL_ID_PATTERN } from "./generated/spec-values.gen.js";

// Pure: a bundle that never calls isImodelId (the client's) drops the pattern too.
const IMODEL_ID = /* @__PURE__ */ new RegExp(IMODEL_ID_PATTERN);

/** Whether `value` is an iModel id as the spec defines one: a string matching `IMODEL_ID_PATTERN` (a GUID). */
export function isImodelId(value: unknown): value is string {
  return typeof value === "string" && IMODEL_ID.test(value);
}
