// A path into a response body, as the recorder keeps it: the keys walked from the body's root, with ITEM for "any
// element of this array". Written as text for people and for the contract (`connections[].displayName`,
// `_links.next.href`, `["@odata.nextLink"]`) and as the JSONPath a Pact matching rule names
// (`$.connections[*].displayName`).

/** "Any element of the array": one segment for every index. */
export const ITEM: unique symbol = Symbol("item");

export type Segment = string | typeof ITEM;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** The text of a path: `connections[].displayName`; the root is "". */
export function formatPath(segments: readonly Segment[]): string {
  let text = "";
  for (const segment of segments) {
    if (segment === ITEM) text += "[]";
    else if (IDENTIFIER.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** The segments of a path's text; throws a TypeError naming the text when it is not one formatPath writes. */
export function parsePath(text: string): Segment[] {
  const segments: Segment[] = [];
  let rest = text;
  let first = true;
  while (rest !== "") {
    if (rest.startsWith("[]")) {
      segments.push(ITEM);
      rest = rest.slice(2);
    } else if (rest.startsWith('["')) {
      const end = closingQuote(rest);
      if (end < 0 || rest[end + 1] !== "]") throw new TypeError(`not a field path: ${JSON.stringify(text)}`);
      segments.push(JSON.parse(rest.slice(1, end + 1)) as string);
      rest = rest.slice(end + 2);
    } else {
      const dotted = !first && rest.startsWith(".");
      const match = /^[A-Za-z_$][A-Za-z0-9_$-]*/.exec(dotted ? rest.slice(1) : rest);
      if (!match || (!first && !dotted)) throw new TypeError(`not a field path: ${JSON.stringify(text)}`);
      segments.push(match[0]);
      rest = rest.slice(match[0].length + (dotted ? 1 : 0));
    }
    first = false;
  }
  return segments;
}

/** The index of the quote that ends the JSON string starting at text[1]. */
function closingQuote(text: string): number {
  for (let index = 2; index < text.length; index++) {
    if (text[index] === "\\") index++;
    else if (text[index] === '"') return index;
  }
  return -1;
}

/** The JSONPath of a Pact matching rule: `$.connections[*].displayName`, `$['@odata.nextLink']`. */
export function jsonPath(segments: readonly Segment[]): string {
  let text = "$";
  for (const segment of segments) {
    if (segment === ITEM) text += "[*]";
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) text += `.${segment}`;
    else text += `['${segment.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}']`;
  }
  return text;
}

/** Every path of a JSON value (objects and arrays included), arrays walked through all their elements. */
export function pathsOf(value: unknown, prefix: readonly Segment[] = []): string[] {
  const found = new Set<string>();
  const walk = (node: unknown, path: readonly Segment[]) => {
    if (path.length > 0) found.add(formatPath(path));
    if (Array.isArray(node)) {
      for (const item of node) walk(item, [...path, ITEM]);
    } else if (typeof node === "object" && node !== null) {
      for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
    }
  };
  walk(value, prefix);
  return [...found];
}

/**
 * The paths of `paths` that no other one lies below (`connections[].displayName`, not also `connections[]`), or with
 * `outermost`, that no other one lies above: the shortest description of the same reads.
 */
export function condense(paths: Iterable<string>, outermost = false): string[] {
  const all = [...new Set(paths)].sort();
  const below = (inner: string, outer: string) =>
    inner !== outer && (outer === "" || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`));
  return all.filter((path) =>
    outermost ? !all.some((other) => below(path, other)) : !all.some((other) => below(other, path)),
  );
}
