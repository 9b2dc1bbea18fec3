// printable (internal/printable.ts), shared through ./internal with the CLI and the verifier: text from outside on
// its way to a terminal or a log line, with everything a terminal would act on escaped.
import { describe, expect, it } from "vitest";
import { printable } from "../src/internal.js";

describe("printable", () => {
  it("escapes what a terminal acts on and leaves the rest alone", () => {
    expect(printable("plain text, é, 日本")).toBe("plain text, é, 日本");
    expect(printable("a\u001b[2Jb\rc\nd\u009be\u2028f\u202eg")).toBe(
      "a\\u001b[2Jb\\u000dc\\u000ad\\u009be\\u2028f\\u202eg",
    );
  });
});
