// What a change of the OpenAPI document means for semver. api-smart-diff compares the two documents and classifies
// every change by its rules (breaking, non-breaking, annotation, deprecated, unclassified); this module only loads
// the documents, chooses what counts as the contract, and maps the classes to bumps:
//   breaking                              -> major  (breaking)
//   non-breaking, deprecated              -> minor  (non-breaking; semver calls a deprecation a minor)
//   annotation                            -> patch  (documentation-only)
//   unclassified inside an example        -> patch  (documentation-only: examples are documentation)
//   any other unclassified change         -> major  (breaking: what the rules cannot classify is not proved safe)
import $RefParser from "@apidevtools/json-schema-ref-parser";
import { apiCompare } from "api-smart-diff";

export const LEVELS = ["none", "patch", "minor", "major"];
const CLASS = { major: "breaking", minor: "non-breaking", patch: "documentation-only" };

/**
 * The changes from `before` to `after` (parsed OpenAPI documents), each `{ level, kind, location, description }`:
 * `level` is the bump it needs (major, minor, patch), `kind` its class (breaking, non-breaking,
 * documentation-only), `location` a JSON pointer into the document.
 */
export async function compareSpecs(before, after) {
  const { diffs } = apiCompare(await dereference(before), await dereference(after));
  return diffs.filter(inContract).map((diff) => {
    const level = levelOf(diff);
    return {
      level,
      kind: CLASS[level],
      location: pointer(diff.path),
      description: describe(diff),
    };
  });
}

/**
 * api-smart-diff classifies a schema by where it is used (a property removed from a request is fine, from a
 * response it is not) only when it meets the schema inline, so every `$ref` is resolved first. A schema that
 * refers to itself (an error's `details`) keeps its `$ref`.
 */
function dereference(document) {
  return $RefParser.dereference(structuredClone(document), { dereference: { circular: "ignore" } });
}

/**
 * The operations, with every `$ref` resolved, are the contract; inside `components` only the names count (a
 * component added, removed or renamed: generators and other documents refer to it by name). A change inside a
 * component reaches the contract through the operations that use it, where it is classified in context; a
 * component that no operation uses is not part of the wire contract.
 */
function inContract(diff) {
  return diff.path[0] !== "components" || diff.path.length <= 3;
}

function levelOf(diff) {
  switch (diff.type) {
    case "breaking":
      return "major";
    case "non-breaking":
    case "deprecated":
      return "minor";
    case "annotation":
      return "patch";
    default:
      return diff.path.some((key) => key === "example" || key === "examples") ? "patch" : "major";
  }
}

/** A JSON pointer (RFC 6901) to the changed node: `/paths/~1export~1connections/get/parameters/1/schema/maximum`. */
function pointer(path) {
  return `/${path.map((key) => String(key).replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`;
}

function describe(diff) {
  const values = changedParts(diff.before, diff.after).map((value) => (value === undefined ? "" : short(value)));
  const change =
    diff.action === "add"
      ? `added ${values[1]}`
      : diff.action === "remove"
        ? `removed ${values[0]}`
        : values.join(" -> ");
  return diff.description ? `${diff.description}: ${change}` : change;
}

/** Two long texts that differ near the end are shown from a little before where they start to differ. */
function changedParts(before, after) {
  if (typeof before !== "string" || typeof after !== "string") return [before, after];
  let same = 0;
  while (same < before.length && before[same] === after[same]) same++;
  const from = Math.max(0, same - 20);
  const cut = (text) => (from > 0 ? `...${text.slice(from)}` : text);
  return [cut(before), cut(after)];
}

function short(value) {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
