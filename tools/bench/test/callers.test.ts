// Smoke tests of the per-call contenders: the stub page parses, and every contender reads all of it.
import { describe, expect, it } from "vitest";
import { hooksContenders, perCallContenders } from "../src/callers/index.js";
import { PER_CALL_PAGE, PER_CALL_TOP, PUBLIC_HOST, page } from "../src/fixtures/page.js";
import { stubFetch } from "../src/fixtures/stub-fetch.js";

describe("the per-call page", () => {
  it("parses to 50 connections with a next link on the public host carrying only $skip and $top", async () => {
    const parsed = await (await stubFetch(PER_CALL_PAGE)("unused")).json();
    expect(parsed.connections).toHaveLength(PER_CALL_TOP);
    expect(parsed._links.next.href).toBe(
      `${PUBLIC_HOST}/export/connections?$skip=${PER_CALL_TOP}&$top=${PER_CALL_TOP}`,
    );
  });

  it("gives a last page no next link and a middle page a prev link", () => {
    expect(page(90, 10, 100)._links.next).toBeUndefined();
    expect(page(90, 10, 100)._links.prev?.href).toContain("$skip=80&$top=10");
    expect(page(95, 10, 100).connections).toHaveLength(5);
  });
});

describe("each per-call contender", () => {
  for (const { name, call } of perCallContenders(PER_CALL_PAGE)) {
    it(`${name} reads all ${PER_CALL_TOP} connections, twice`, async () => {
      expect(await call()).toBe(PER_CALL_TOP);
      expect(await call()).toBe(PER_CALL_TOP);
    });
  }
});

describe("each hooks contender", () => {
  for (const { name, call } of hooksContenders(PER_CALL_PAGE)) {
    it(`${name} reads all ${PER_CALL_TOP} connections, twice`, async () => {
      expect(await call()).toBe(PER_CALL_TOP);
      expect(await call()).toBe(PER_CALL_TOP);
    });
  }
});
