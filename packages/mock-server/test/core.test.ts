// The core runs in browsers (under MSW): no node: module, no Buffer (base64url, which replaced Buffer, is tested
// in random.test.ts).
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const CORE = new URL("../src/core/", import.meta.url);

describe("src/core", () => {
  const files = readdirSync(CORE).filter((name) => name.endsWith(".ts"));

  it("has the modules a request passes through", () => {
    expect(files).toEqual(expect.arrayContaining(["mock-core.ts", "faults.ts", "request-target.ts", "responder.ts"]));
  });

  it.each(files)("%s imports no node: module and uses no Buffer or process", (name) => {
    const source = readFileSync(new URL(name, CORE), "utf8");
    expect(source).not.toMatch(/from "node:|require\(|\bBuffer\b|\bprocess\./);
  });
});
