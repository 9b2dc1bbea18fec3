// Our own rules for what a spec change does to a consumer, from its usage contract: what the comparator cannot see
// or does not say. Both documents are dereferenced first; each interaction is looked up by method and path.
//   a request value the team sends (2xx) that the spec refused nothing of and now refuses   -> broken
//   a value the team sends expecting a 4xx that the spec now accepts                        -> potentially affected
//   a parameter the spec now requires that the team does not send                          -> broken
//   a parameter the team sends that the spec no longer lists                                -> potentially affected
//   a response field the team reads that the spec removes or retypes                        -> broken
//   a field it reads whose enum gains values, that becomes nullable or may now be absent    -> potentially affected
//   an object it lists every field of (spread, JSON.stringify, Object.keys) that gains one  -> potentially affected
//   the operation gone                                                                       -> broken
//   a status the team met that the spec no longer documents                                 -> potentially affected
import $RefParser from "@apidevtools/json-schema-ref-parser";

export const BROKEN = "broken";
export const POTENTIALLY_AFFECTED = "potentially affected";

/** Both documents with every `$ref` resolved (a schema that refers to itself keeps its `$ref`). */
export async function dereferenceBoth(before, after) {
  const dereference = (document) =>
    $RefParser.dereference(structuredClone(document), { dereference: { circular: "ignore" } });
  return Promise.all([dereference(before), dereference(after)]);
}

/**
 * The findings of the rules for one contract (`UsageContract` of @export-api/usage): each `{ verdict, interaction,
 * field, reason }`, `interaction` its description, `field` the parameter or response field it is about.
 */
export function ruleFindings(before, after, contract) {
  const findings = [];
  for (const interaction of contract.interactions) {
    const add = (verdict, field, reason) =>
      findings.push({ verdict, interaction: interaction.description, field, reason });
    const old = operationOf(before, interaction.request);
    if (!old) continue; // Not an operation of the released spec: nothing this change did.
    const now = operationOf(after, interaction.request);
    if (!now) {
      add(BROKEN, `${interaction.request.method} ${interaction.request.path}`, "the spec no longer has this operation");
      continue;
    }
    requestFindings(old, now, interaction, add);
    responseFindings(old.operation, now.operation, interaction, add);
  }
  return findings;
}

/** The operation of a request, with its parameters (the path's and the operation's, by location and name). */
function operationOf(document, request) {
  const method = request.method.toLowerCase();
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    if (!matchesPath(template, request.path) || !item?.[method]) continue;
    const parameters = new Map();
    for (const parameter of [...(item.parameters ?? []), ...(item[method].parameters ?? [])]) {
      if (parameter?.in && parameter.name) parameters.set(`${parameter.in} ${parameter.name}`, parameter);
    }
    return { operation: item[method], parameters };
  }
  return undefined;
}

function matchesPath(template, path) {
  const [expected, actual] = [template.split("/"), path.split("/")];
  return (
    expected.length === actual.length &&
    expected.every((segment, index) => /^\{[^}]+\}$/.test(segment) || segment === actual[index])
  );
}

function isSuccess(status) {
  return status >= 200 && status < 300;
}

function requestFindings(old, now, interaction, add) {
  const { query, method, path } = interaction.request;
  const sent = new Set(Object.keys(query));
  for (const [key, parameter] of now.parameters) {
    const [where, name] = splitKey(key);
    if (where !== "query" || sent.has(name) || !parameter.required) continue;
    if (!old.parameters.get(key)?.required && isSuccess(interaction.status)) {
      add(BROKEN, name, `does not send ${name}, which the spec now requires`);
    }
  }
  for (const [name, values] of Object.entries(query)) {
    const before = old.parameters.get(`query ${name}`);
    const after = now.parameters.get(`query ${name}`);
    if (before && !after) {
      add(POTENTIALLY_AFFECTED, name, `sends ${name}, which the spec no longer lists for ${method} ${path}`);
      continue;
    }
    if (!before || !after) continue;
    for (const value of values) {
      const [was, is] = [check(value, before.schema), check(value, after.schema)];
      const change = constraintChange(before.schema, after.schema);
      if (isSuccess(interaction.status) && was === undefined && is !== undefined) {
        add(BROKEN, name, `sends ${name}=${value}; the spec now refuses it: ${is}${change}`);
      } else if (!isSuccess(interaction.status) && was !== undefined && is === undefined) {
        add(
          POTENTIALLY_AFFECTED,
          name,
          `sends ${name}=${value} expecting ${interaction.status}; the spec now accepts it${change}`,
        );
      }
    }
  }
}

function splitKey(key) {
  const space = key.indexOf(" ");
  return [key.slice(0, space), key.slice(space + 1)];
}

/** Why a query value breaks a parameter's schema (the subset parameters use), or `undefined` when it does not. */
export function check(text, schema) {
  if (!schema || typeof schema !== "object") return undefined;
  const types = typesOf(schema);
  let value = text;
  if (types.has("integer") || types.has("number")) {
    const pattern = types.has("integer") ? /^-?[0-9]+$/ : /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/;
    if (!pattern.test(text)) return `must be ${types.has("integer") ? "an integer" : "a number"}`;
    value = Number(text);
    if (typeof schema.minimum === "number" && value < schema.minimum) return `must be at least ${schema.minimum}`;
    if (typeof schema.maximum === "number" && value > schema.maximum) return `must be at most ${schema.maximum}`;
    const exclusiveMinimum = schema.exclusiveMinimum === true ? schema.minimum : schema.exclusiveMinimum;
    const exclusiveMaximum = schema.exclusiveMaximum === true ? schema.maximum : schema.exclusiveMaximum;
    if (typeof exclusiveMinimum === "number" && value <= exclusiveMinimum) return `must be above ${exclusiveMinimum}`;
    if (typeof exclusiveMaximum === "number" && value >= exclusiveMaximum) return `must be below ${exclusiveMaximum}`;
  } else if (types.has("boolean")) {
    if (text !== "true" && text !== "false") return "must be true or false";
    value = text === "true";
  } else {
    if (typeof schema.minLength === "number" && [...text].length < schema.minLength) {
      return `must have at least ${schema.minLength} characters`;
    }
    if (typeof schema.maxLength === "number" && [...text].length > schema.maxLength) {
      return `must have at most ${schema.maxLength} characters`;
    }
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(text)) {
      return `must match ${schema.pattern}`;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    return `must be one of ${schema.enum.map((item) => JSON.stringify(item)).join(", ")}`;
  }
  return undefined;
}

const CONSTRAINTS = [
  "type",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "pattern",
  "enum",
];

/** ` (maximum 1000 -> 999)`: the constraints of a parameter that changed. */
function constraintChange(before, after) {
  const changed = CONSTRAINTS.filter((key) => JSON.stringify(before?.[key]) !== JSON.stringify(after?.[key])).map(
    (key) => `${key} ${show(before?.[key])} -> ${show(after?.[key])}`,
  );
  return changed.length > 0 ? ` (${changed.join(", ")})` : "";
}

function show(value) {
  return value === undefined ? "none" : JSON.stringify(value);
}

function typesOf(schema) {
  const types = new Set(Array.isArray(schema?.type) ? schema.type : schema?.type ? [schema.type] : []);
  if (schema?.nullable === true) types.add("null");
  return types;
}

/** The schema of a response (a JSON media type: the one the team got, if the spec has it). */
function responseSchema(operation, status) {
  const response = operation.responses?.[String(status)];
  if (!response) return undefined;
  const content = response.content ?? {};
  const types = Object.keys(content).filter((type) => /json/i.test(type));
  return types.length > 0 ? (content[types[0]].schema ?? {}) : {};
}

function responseFindings(oldOperation, newOperation, interaction, add) {
  const before = responseSchema(oldOperation, interaction.status);
  if (before === undefined) return; // The released spec did not document it either.
  const after = responseSchema(newOperation, interaction.status);
  if (after === undefined) {
    add(
      POTENTIALLY_AFFECTED,
      `status ${interaction.status}`,
      `meets ${interaction.status}, which the spec no longer documents for this operation`,
    );
    return;
  }
  const reads = leaves([...interaction.reads, ...interaction.sdkReads]);
  const reported = new Set();
  for (const path of reads) {
    const [was, is] = [walk(before, path), walk(after, path)];
    if (!was.found) continue;
    if (!is.found) {
      const field = is.missingAt;
      if (!reported.has(field)) {
        reported.add(field);
        add(BROKEN, field, `reads ${path === field ? field : `${path} (below ${field})`}, which the spec removes`);
      }
      continue;
    }
    const [typesBefore, typesAfter] = [typesOf(was.schema), typesOf(is.schema)];
    const concrete = (types) => [...types].filter((type) => type !== "null").sort();
    if (typesBefore.size > 0 && typesAfter.size > 0 && concrete(typesBefore).join() !== concrete(typesAfter).join()) {
      add(
        BROKEN,
        path,
        `reads ${path}, whose type changes: ${concrete(typesBefore).join("|")} -> ${concrete(typesAfter).join("|")}`,
      );
    }
    if (typesAfter.has("null") && !typesBefore.has("null")) {
      add(POTENTIALLY_AFFECTED, path, `reads ${path}, which may now be null`);
    }
    const [enumBefore, enumAfter] = [was.schema.enum, is.schema.enum];
    if (Array.isArray(enumBefore)) {
      const list = enumBefore.map((item) => JSON.stringify(item)).join(", ");
      if (!Array.isArray(enumAfter)) {
        add(POTENTIALLY_AFFECTED, path, `reads ${path}, which the spec no longer limits to ${list}`);
      } else {
        const added = enumAfter.filter((item) => !enumBefore.includes(item));
        if (added.length > 0) {
          add(
            POTENTIALLY_AFFECTED,
            path,
            `reads ${path}; the spec adds ${added.map((item) => JSON.stringify(item)).join(", ")} to its values (${list}): code that handles each value (a switch with no default) must handle ${added.length === 1 ? "it" : "them"}`,
          );
        }
      }
    }
    if (was.required && !is.required) add(POTENTIALLY_AFFECTED, path, `reads ${path}, which may now be absent`);
  }
  for (const path of interaction.enumerates) {
    const [was, is] = [walk(before, path), walk(after, path)];
    if (!was.found || !is.found) continue;
    const old = new Set(propertyPaths(was.schema, path));
    const added = propertyPaths(is.schema, path).filter((field) => !old.has(field));
    if (added.length > 0) {
      add(
        POTENTIALLY_AFFECTED,
        path,
        `lists every field of ${path || "the page"} (a spread, JSON.stringify or Object.keys); the spec adds ${added.join(", ")}`,
      );
    }
  }
}

/** The paths none of the others lies below: the fields themselves, not the objects on the way to them. */
function leaves(paths) {
  const all = [...new Set(paths)].sort();
  return all.filter(
    (path) => !all.some((other) => other !== path && (other.startsWith(`${path}.`) || other.startsWith(`${path}[`))),
  );
}

/** Splits a field path of a usage contract (`connections[].displayName`, `["@odata.nextLink"]`) into segments. */
function segmentsOf(path) {
  const segments = [];
  const pattern = /\[\]|\["((?:[^"\\]|\\.)*)"\]|\.?([A-Za-z_$][A-Za-z0-9_$-]*)/gy;
  while (pattern.lastIndex < path.length) {
    const match = pattern.exec(path);
    if (!match) break;
    if (match[0] === "[]") segments.push({ item: true, text: "[]" });
    else if (match[1] !== undefined) segments.push({ key: JSON.parse(`"${match[1]}"`), text: match[0] });
    else segments.push({ key: match[2], text: match[0] });
  }
  return segments;
}

/**
 * The schema at `path` below `schema`: `{ found, schema, required, missingAt }`. `required`: every property on the way
 * is required by its object; `missingAt`: the shortest path that does not exist.
 */
function walk(schema, path) {
  let node = schema;
  let required = true;
  let walked = "";
  for (const segment of segmentsOf(path)) {
    walked += walked === "" ? segment.text.replace(/^\./, "") : segment.text;
    const merged = merge(node);
    if (segment.item) {
      node = merged.items;
    } else {
      node = merged.properties?.[segment.key];
      if (node !== undefined && !merged.required?.includes(segment.key)) required = false;
    }
    if (node === undefined) return { found: false, missingAt: walked };
  }
  return { found: true, schema: merge(node), required };
}

/** A schema with its allOf parts merged in (properties, required, items, enum and type from any part). */
function merge(schema) {
  if (!schema || typeof schema !== "object") return {};
  if (!Array.isArray(schema.allOf)) return schema;
  const parts = [schema, ...schema.allOf.map(merge)];
  return {
    ...Object.assign({}, ...parts),
    properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})),
    required: parts.flatMap((part) => part.required ?? []),
  };
}

/** Every property path below an object or array schema, prefixed with `prefix`. */
function propertyPaths(schema, prefix, depth = 0) {
  const merged = merge(schema);
  if (depth > 8) return [];
  if (merged.items) return propertyPaths(merged.items, `${prefix}[]`, depth + 1);
  return Object.entries(merged.properties ?? {}).flatMap(([key, child]) => {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    return [path, ...propertyPaths(child, path, depth + 1)];
  });
}
