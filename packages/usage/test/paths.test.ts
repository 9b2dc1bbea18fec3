import { describe, expect, it } from "vitest";
import { formatPath, ITEM, jsonPath, parsePath, pathsOf } from "../src/internal/paths.js";

describe("field paths", () => {
  it.each([
    [["connections", ITEM, "displayName"], "connections[].displayName", "$.connections[*].displayName"],
    [["_links", "next", "href"], "_links.next.href", "$._links.next.href"],
    [["@odata.nextLink"], '["@odata.nextLink"]', "$['@odata.nextLink']"],
    [["items", ITEM, ITEM, "it's"], 'items[][]["it\'s"]', "$.items[*][*]['it\\'s']"],
    [[], "", "$"],
  ] as const)("%j is %s, and %s in a matching rule", (segments, text, rule) => {
    expect(formatPath(segments)).toBe(text);
    expect(parsePath(text)).toEqual(segments);
    expect(jsonPath(segments)).toBe(rule);
  });

  it("refuses text that is not a path", () => {
    expect(() => parsePath("a..b")).toThrow(TypeError);
    expect(() => parsePath('["open')).toThrow('not a field path: "[\\"open"');
    expect(() => parsePath("a b")).toThrow(TypeError);
  });

  it("lists every path of a value, through all elements", () => {
    expect(pathsOf({ a: [{ b: 1 }, { c: 2 }], d: null }).sort()).toEqual(["a", "a[]", "a[].b", "a[].c", "d"]);
  });
});
