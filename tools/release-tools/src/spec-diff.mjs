// What a change of the OpenAPI document means for semver. api-smart-diff compares the two documents and proposes a
// class for every change (breaking, non-breaking, annotation, deprecated, unclassified); where it disagrees with the
// README's table, our rules (spec-rules.mjs) decide instead. This module loads the documents, chooses what counts
// as the contract, and maps the classes to bumps:
//   breaking                              -> major  (breaking)
//   non-breaking, deprecated              -> minor  (non-breaking; semver calls a deprecation a minor)
//   annotation                            -> patch  (documentation-only)
//   unclassified                          -> major  (breaking: what neither the engine nor our rules can classify
//                                                    is not proved safe)
import $RefParser from "@apidevtools/json-schema-ref-parser";
import { apiCompare, openApi3AnnotateHook } from "api-smart-diff";
import { classifyByRules } from "./spec-rules.mjs";

export const LEVELS = ["none", "patch", "minor", "major"];
const CLASS = { major: "breaking", minor: "non-breaking", patch: "documentation-only" };

/**
 * The changes from `before` to `after` (parsed OpenAPI documents), each `{ level, kind, location, description }`:
 * `level` is the bump it needs (major, minor, patch), `kind` its class (breaking, non-breaking,
 * documentation-only), `location` a JSON pointer into the document.
 */
export async function compareSpecs(before, after) {
  // The nodes around each change, as api-smart-diff saw them, for the rules: its annotation hook gets them.
  const contexts = new WeakMap();
  const annotateHook = (diff, context) => {
    contexts.set(diff.path, context);
    return openApi3AnnotateHook(diff, context);
  };
  const { diffs } = apiCompare(await dereference(before), await dereference(after), { annotateHook });
  return diffs.filter(inContract).map((diff) => {
    const decided = classifyByRules(changeOf(diff, contexts.get(diff.path), { before, after }));
    const level = levelOf(decided?.type ?? diff.type);
    return {
      level,
      kind: CLASS[level],
      location: pointer(diff.path),
      // Where our rule overrides api-smart-diff, the change says which rule and why.
      description:
        decided && decided.type !== diff.type
          ? `${describe(diff)} (our rule "${decided.rule.name}": ${decided.rule.why})`
          : describe(diff),
    };
  });
}

/** One change as the rules see it (see spec-rules.mjs). */
function changeOf(diff, context, documents) {
  // api-smart-diff compares a schema that refers to itself once, and reports what it found there again for each
  // later visit with the context of the `$ref`: then the nodes around the change are not known.
  const known = context !== undefined && context.before.path.length === diff.path.length;
  return {
    path: diff.path,
    action: diff.action,
    engine: diff.type,
    before: { value: diff.before, parent: known ? context.before.parent : undefined },
    after: { value: diff.after, parent: known ? context.after.parent : undefined },
    known,
    documents,
  };
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
 * component that no operation uses is not part of the wire contract. Security schemes are the exception: an
 * operation names its schemes instead of referring to them, so what is inside a scheme (its flows, URLs and scopes)
 * reaches no operation and is compared where it is.
 */
function inContract(diff) {
  return diff.path[0] !== "components" || diff.path.length <= 3 || diff.path[1] === "securitySchemes";
}

function levelOf(type) {
  switch (type) {
    case "breaking":
      return "major";
    case "non-breaking":
    case "deprecated":
      return "minor";
    case "annotation":
      return "patch";
    default:
      return "major";
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
