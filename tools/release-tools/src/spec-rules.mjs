// Our rules over api-smart-diff's. The README's table (section "The contract gate") is the contract; api-smart-diff
// is only the engine that finds the changes and proposes a class for each. Where its class disagrees with the
// table, the first of these rules that applies to the change decides instead. A rule sees one change:
//   path      where it is in the document (api-smart-diff's path, before's coordinates)
//   action    add, remove, replace or rename
//   engine    api-smart-diff's class (breaking, non-breaking, annotation, deprecated, unclassified)
//   before    { value, parent } in the document before: the changed value and the node that holds it
//   after     the same in the document after (api-smart-diff's normalised nodes: an `enum` one side lacks is `[]`)
//   known     whether the parents are the nodes of this change (false deep in a schema that refers to itself)
//   documents { before, after }, the whole documents as written (for security, which is looked up by name)
// and returns a class api-smart-diff also uses (breaking, non-breaking, annotation), or undefined to pass.

const BREAKING = "breaking";
const NON_BREAKING = "non-breaking";
const ANNOTATION = "annotation";

export const RULES = [
  {
    // api-smart-diff: a replaced type or enum value in a response, `type: string` -> `[string, "null"]`, an enum
    // removed from a response or added to a parameter are non-breaking.
    name: "allowed values",
    why: "type, enum and const list the values allowed: fewer in a request, or more in a response, break callers",
    classify(change) {
      const place = schemaPlace(change.path);
      if (!place || !["type", "enum", "const"].includes(place.keyword)) return undefined;
      if (place.rest.length > 1 || (place.keyword === "const" && place.rest.length > 0)) return BREAKING; // inside a listed value
      if (!change.known) return BREAKING; // no nodes to compare: not proved safe
      const allowed = (side) =>
        allowedValues(place.keyword, place.rest.length === 0 ? side.parent : { [place.keyword]: side.parent });
      const [before, after] = [allowed(change.before), allowed(change.after)];
      const widened = !within(after, before, place.keyword === "type");
      const narrowed = !within(before, after, place.keyword === "type");
      return direction(place, { narrowed, widened });
    },
  },
  {
    // api-smart-diff: a replaced format or pattern in a response, `not` removed from a response, `items` or
    // `additionalProperties: false` added to a request are non-breaking; it does not know contentMediaType or
    // prefixItems (unclassified).
    name: "constraint",
    why: "a constraint added narrows, one removed widens, one replaced (format, pattern, media type) is neither",
    classify(change) {
      const place = schemaPlace(change.path);
      if (!place || !CONSTRAINTS.has(place.keyword)) return undefined;
      const entry = place.keyword === "prefixItems" && place.rest.length === 1; // one position of the tuple
      if (place.rest.length > 0 && !entry) return undefined;
      const neutral = NEUTRAL.has(place.keyword) && !entry ? isNeutral : (value) => value === undefined;
      const [had, has] = [!neutral(change.before.value), !neutral(change.after.value)];
      if (had && has && change.action === "replace") return BREAKING;
      return direction(place, { narrowed: has && !had, widened: had && !has });
    },
  },
  {
    // api-smart-diff: reads a response header's `required` as a request parameter's.
    name: "response header required",
    why: "a required response header is a promise to the caller: dropping it breaks, adding it does not",
    classify({ path, before, after }) {
      if (!(path[0] === "paths" && path[3] === "responses" && path[5] === "headers" && path[7] === "required"))
        return undefined;
      if (path.length !== 8) return undefined;
      return before.value === true && after.value !== true ? BREAKING : NON_BREAKING;
    },
  },
  {
    // api-smart-diff: any response status added is non-breaking.
    name: "status added",
    why: "a caller reads a success by its status: a new 1XX-3XX or `default` is one it has no code for",
    classify({ path, action }) {
      if (!(path[0] === "paths" && path[3] === "responses" && path.length === 5 && action === "add")) return undefined;
      return /^[45]/.test(String(path[4])) ? NON_BREAKING : BREAKING;
    },
  },
  {
    // api-smart-diff: a new required scope or scheme, or security where there was none, is non-breaking; a scope
    // dropped, breaking.
    name: "security requirement",
    why: "breaking when some caller the old requirements let in is refused by the new ones",
    classify({ path, documents }) {
      if (path[0] === "security")
        return refusesSomeone(documents, operationsOf(documents.before, { inheriting: true }));
      if (path[0] === "paths" && path[3] === "security") return refusesSomeone(documents, [[path[1], path[2]]]);
      return undefined;
    },
  },
  {
    // api-smart-diff: a scheme removed is non-breaking, one added breaking; the gate compared nothing inside one.
    name: "security scheme",
    why: "how callers get and send a token: a flow or scope added is a new way in, anything removed or replaced breaks",
    classify({ path, action }) {
      if (!(path[0] === "components" && path[1] === "securitySchemes")) return undefined;
      if (path.length === 4 && (path[3] === "description" || path[3] === "bearerFormat")) return ANNOTATION;
      if (path.length === 7 && path[3] === "flows" && path[5] === "scopes" && action === "replace") return ANNOTATION; // a scope's value is its description
      return action === "add" ? NON_BREAKING : BREAKING;
    },
  },
  {
    // api-smart-diff: any change of `servers` is documentation.
    name: "server",
    why: "callers send requests to a server's URL (the client's default is `servers[0].url`): changing one breaks",
    classify({ path, action }) {
      const at =
        path[0] === "servers"
          ? 0
          : path[0] === "paths" && (path[2] === "servers" || path[3] === "servers")
            ? path.indexOf("servers")
            : -1;
      if (at < 0) return undefined;
      const rest = path.slice(at + 1);
      if (rest.at(-1) === "description") return ANNOTATION;
      return action === "add" && rest.length > 0 ? NON_BREAKING : BREAKING; // a whole `servers` added moves the default
    },
  },
  {
    // api-smart-diff: cannot classify `$comment`, nor anything inside a keyword it does not know (`prefixItems`) or
    // under `tags`.
    name: "documentation",
    why: "descriptions, titles, `$comment`, examples, external docs and tags are words for readers",
    classify({ path, engine }) {
      if (engine !== "unclassified") return undefined;
      if (["info", "tags", "externalDocs"].includes(path[0])) return ANNOTATION;
      const place = schemaPlace(path);
      if (place) return place.keywords.some((keyword) => DOCUMENTATION.has(keyword)) ? ANNOTATION : undefined;
      // Outside schemas (a parameter's or a media type's examples), an `example` or `examples` is documentation.
      return path.some((key) => key === "example" || key === "examples") ? ANNOTATION : undefined;
    },
  },
];

/**
 * The first rule's class for the change and the rule (`{ name, why }`), or undefined when no rule applies
 * (api-smart-diff's class stands).
 */
export function classifyByRules(change) {
  for (const rule of RULES) {
    const type = rule.classify(change);
    if (type !== undefined) return { type, rule };
  }
  return undefined;
}

/** Keywords whose value is a schema (or a map or list of schemas): a change inside is a change of a schema. */
const SUBSCHEMA = new Set([
  "items",
  "additionalProperties",
  "not",
  "contains",
  "propertyNames",
  "then",
  "else",
  "unevaluatedItems",
  "unevaluatedProperties",
  "contentSchema",
]);
const NAMED_SUBSCHEMAS = new Set(["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"]);
const LISTED_SUBSCHEMAS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
/** Constraints whose values cannot be compared for wider or narrower: only added, removed or replaced. */
const CONSTRAINTS = new Set([
  "items",
  "format",
  "pattern",
  "contentMediaType",
  "contentEncoding",
  "not",
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "prefixItems",
  "contains",
  "dependentRequired",
  "dependentSchemas",
]);
/** Constraints that constrain nothing when `true` or `{}`. */
const NEUTRAL = new Set(["items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems"]);
const DOCUMENTATION = new Set(["description", "title", "$comment", "examples", "example", "externalDocs"]);

/**
 * Where a change inside an operation's schema is: `side` request (parameters, request body) or response (bodies,
 * headers); `keywords` the schema keywords on the way down, `keyword` the last, `rest` the path below it (an index
 * of `enum`, a property's name); `flipped` when an odd number of `not`s is on the way (wider there is narrower).
 * Undefined outside such schemas (callbacks, webhooks and components are not classified by side).
 */
export function schemaPlace(path) {
  if (path[0] !== "paths") return undefined;
  const side =
    path[3] === "responses"
      ? "response"
      : path[2] === "parameters" || path[3] === "parameters" || path[3] === "requestBody"
        ? "request"
        : undefined;
  const root = path.indexOf("schema");
  if (!side || root < 0) return undefined;
  const keywords = [];
  let flipped = false;
  let at = root + 1;
  while (at < path.length) {
    const keyword = String(path[at]);
    keywords.push(keyword);
    const tuple = keyword === "items" && isIndex(path[at + 1]); // draft-04 tuples, as api-smart-diff normalises them
    const step =
      NAMED_SUBSCHEMAS.has(keyword) || LISTED_SUBSCHEMAS.has(keyword) || tuple ? 2 : SUBSCHEMA.has(keyword) ? 1 : 0;
    if (step === 0 || at + step >= path.length) break;
    if (keyword === "not") flipped = !flipped;
    at += step;
  }
  return { side, keywords, keyword: keywords.at(-1), rest: path.slice(at + 1), flipped };
}

/** The class of a change that narrows or widens a schema on its side: narrower requests and wider responses break. */
function direction({ side, flipped }, { narrowed, widened }) {
  const request = (side === "request") !== flipped;
  return (request ? narrowed : widened) ? BREAKING : NON_BREAKING;
}

const ANY = null;

/** The values a schema's `keyword` allows: a list, or ANY. An empty `enum` is api-smart-diff's stand-in for none. */
function allowedValues(keyword, schema) {
  if (schema === null || typeof schema !== "object") return ANY;
  if (keyword === "type") {
    return typeof schema.type === "string" ? [schema.type] : Array.isArray(schema.type) ? schema.type : ANY;
  }
  if ("const" in schema) return [schema.const];
  return Array.isArray(schema.enum) && schema.enum.length > 0 ? schema.enum : ANY;
}

/** Whether every value of `some` is one of `all` (for types, an `integer` is also a `number`). */
function within(some, all, types) {
  if (all === ANY) return true;
  if (some === ANY) return false;
  const keys = new Set(all.map(canonical));
  return some.every(
    (value) => keys.has(canonical(value)) || (types && value === "integer" && keys.has(canonical("number"))),
  );
}

function canonical(value) {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
    .join(",")}}`;
}

function isNeutral(value) {
  return value === undefined || value === true || (isObject(value) && Object.keys(value).length === 0);
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isIndex(key) {
  return /^\d+$/.test(String(key));
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** [path, method] of every operation of `document`; with `inheriting`, only those without their own `security`. */
function operationsOf(document, { inheriting }) {
  return Object.entries(document.paths ?? {}).flatMap(([route, item]) =>
    METHODS.filter((method) => isObject(item?.[method]))
      .filter((method) => !inheriting || item[method].security === undefined)
      .map((method) => [route, method]),
  );
}

/**
 * BREAKING when one of `operations` refuses a caller it let in before. A caller meets one requirement (an object:
 * scheme -> scopes, all needed); a caller who met a requirement before is still let in when some requirement after
 * asks for no scheme and no scope more. No security at all lets everyone in (the requirement `{}`).
 */
function refusesSomeone({ before, after }, operations) {
  const effective = (document, [route, method]) => {
    const operation = document.paths?.[route]?.[method];
    if (!isObject(operation)) return undefined;
    const requirements = operation.security ?? document.security ?? [];
    return requirements.length === 0 ? [{}] : requirements;
  };
  const asksNoMore = (requirement, held) =>
    Object.entries(requirement).every(
      ([scheme, scopes]) =>
        Array.isArray(held[scheme]) && (scopes ?? []).every((scope) => held[scheme].includes(scope)),
    );
  for (const operation of operations) {
    const [was, is] = [effective(before, operation), effective(after, operation)];
    if (was === undefined || is === undefined) continue; // an operation added or removed is its own change
    if (!was.every((held) => is.some((requirement) => asksNoMore(requirement, held)))) return BREAKING;
  }
  return NON_BREAKING;
}
