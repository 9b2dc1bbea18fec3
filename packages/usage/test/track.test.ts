// The read-tracking proxy on its own: which reads of a page it logs, and that the code reading through it sees the
// same data and identities as without it.
import { describe, expect, it } from "vitest";
import { ITEM } from "../src/internal/paths.js";
import { createTracker } from "../src/internal/track.js";

function page() {
  return {
    connections: [
      { id: "a", displayName: "first", authenticationType: "User", _links: { iModel: { href: "https://x/1" } } },
      { id: "b", displayName: "second", authenticationType: "Service", _links: { iModel: { href: "https://x/2" } } },
    ],
    _links: { self: { href: "https://x/self" }, next: { href: "https://x/next" } },
  };
}

function tracked() {
  const reads = new Set<string>();
  const enumerates = new Set<string>();
  const tracker = createTracker({ read: (path) => reads.add(path), enumerate: (path) => enumerates.add(path) });
  const data = tracker.track(page(), []);
  return { data, reads, enumerates, tracker };
}

describe("a tracked page", () => {
  it("logs a field read at its path, and nothing for what is not read", () => {
    const { data, reads, enumerates } = tracked();
    expect(data.connections[0]?.displayName).toBe("first");
    expect([...reads].sort()).toEqual(["connections", "connections[].displayName"]);
    expect(enumerates.size).toBe(0);
  });

  it("files every element's fields under connections[]", () => {
    const { data, reads } = tracked();
    expect(data.connections.map((connection) => connection.authenticationType)).toEqual(["User", "Service"]);
    expect(reads).toContain("connections[].authenticationType");
    expect(reads).not.toContain("connections[].displayName");
  });

  it("logs a nested link and the objects on the way", () => {
    const { data, reads } = tracked();
    expect(data._links.next?.href).toBe("https://x/next");
    expect([...reads].sort()).toEqual(["_links", "_links.next", "_links.next.href"]);
  });

  it("counts `in`, hasOwnProperty and the array's length as reads", () => {
    const { data, reads } = tracked();
    expect("prev" in data._links).toBe(false);
    expect("next" in data._links).toBe(true);
    expect(Object.hasOwn(data.connections[1]!, "id")).toBe(true);
    expect(data.connections.length).toBe(2);
    expect([...reads].sort()).toEqual(["_links", "_links.next", "connections", "connections[].id"]);
  });

  it("a spread reads every field below it, and logs the listing", () => {
    const { data, reads, enumerates } = tracked();
    const copy = { ...data.connections[0]! };
    expect(copy.id).toBe("a");
    expect([...enumerates]).toEqual(["connections[]"]);
    expect([...reads].sort()).toEqual([
      "connections",
      "connections[]",
      "connections[]._links",
      "connections[]._links.iModel",
      "connections[]._links.iModel.href",
      "connections[].authenticationType",
      "connections[].displayName",
      "connections[].id",
    ]);
  });

  it("JSON.stringify and Object.keys read every field below what they list", () => {
    const first = tracked();
    expect(JSON.parse(JSON.stringify(first.data))).toEqual(page());
    expect(first.reads).toContain("_links.self.href");
    expect(first.reads).toContain("connections[]._links.iModel.href");
    expect(first.enumerates).toContain("");

    const second = tracked();
    expect(Object.keys(second.data._links)).toEqual(["self", "next"]);
    expect([...second.enumerates]).toEqual(["_links"]);
    expect(second.reads).toContain("_links.self.href");
    expect(second.reads).not.toContain("connections");
  });

  it("keeps identities and values: the same proxy each time, primitives as they are", () => {
    const { data, tracker } = tracked();
    expect(data.connections).toBe(data.connections);
    expect(data.connections[0]).toBe(data.connections[0]);
    expect(tracker.track(5, [])).toBe(5);
    expect(tracker.track(null, [])).toBe(null);
    expect(Array.isArray(data.connections)).toBe(true);
    expect([...data.connections].map((connection) => connection.id)).toEqual(["a", "b"]);
  });

  it("lets the code change the data, and a read-only property is handed out as it is", () => {
    const { data, reads, tracker } = tracked();
    (data.connections[0] as { displayName: string }).displayName = "renamed";
    expect(data.connections[0]?.displayName).toBe("renamed");
    const frozen = tracker.track(Object.freeze({ inner: { value: 1 } }), ["frozen"]);
    expect(frozen.inner.value).toBe(1);
    expect(reads).toContain("frozen.inner");
  });

  it("writes odd keys so they can be read back", () => {
    const reads = new Set<string>();
    const tracker = createTracker({ read: (path) => reads.add(path), enumerate: () => {} });
    const data = tracker.track({ "@odata.nextLink": "x", items: [{ "a b": 1 }] }, []);
    expect(data["@odata.nextLink"]).toBe("x");
    expect(data.items[0]?.["a b"]).toBe(1);
    expect([...reads].sort()).toEqual(['["@odata.nextLink"]', "items", 'items[]["a b"]']);
  });

  it("starts below a given path: a connection handed out alone is under connections[]", () => {
    const reads = new Set<string>();
    const tracker = createTracker({ read: (path) => reads.add(path), enumerate: () => {} });
    const connection = tracker.track(page().connections[0], ["connections", ITEM]);
    expect(connection?.displayName).toBe("first");
    expect([...reads]).toEqual(["connections[].displayName"]);
  });
});
