// An error's `name` is what logs and `String(error)` show. Application bundlers minify class names, so the
// names must survive minification: bundle the built client the way an app would and read them back.
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import * as client from "../src/index.js";
import { RateLimitError } from "../src/index.js";

const ERROR_CLASSES = Object.entries(client).filter(
  ([, value]) =>
    typeof value === "function" &&
    (value === client.ExportApiError || value.prototype instanceof client.ExportApiError),
);

describe("error names", () => {
  it("every error class is named as it is exported", () => {
    expect(ERROR_CLASSES).toHaveLength(10);
    for (const [exported, ErrorClass] of ERROR_CLASSES) {
      expect(new (ErrorClass as typeof client.ExportApiError)("m").name).toBe(exported);
    }
  });

  it("survive a minified application bundle", async () => {
    const names = ERROR_CLASSES.map(([name]) => name);
    const result = await build({
      stdin: {
        contents: `import * as sdk from "./src/index.ts"; globalThis.__names = ${JSON.stringify(names)}.map((n) => new sdk[n]("m").name);`,
        resolveDir: new URL("..", import.meta.url).pathname,
        loader: "ts",
      },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      write: false,
      define: { __CLIENT_VERSION__: '"0.0.0-test"' },
      logLevel: "error",
    });
    const code = result.outputFiles[0]!.text;
    expect(code).not.toContain("class AuthenticationError"); // the class names really were minified away
    const scope: { __names?: string[] } = {};
    new Function("globalThis", code.replace(/^export\s*\{[^}]*\};?\s*$/m, ""))(scope);
    expect(scope.__names).toEqual(names);
  });

  it("an error's name can be set, like any Error's", () => {
    const error = new RateLimitError("m");
    error.name = "Renamed";
    expect(error.name).toBe("Renamed");
    expect(Object.getOwnPropertyDescriptor(RateLimitError.prototype, "name")).toEqual({
      value: "RateLimitError",
      writable: true,
      enumerable: false,
      configurable: true,
    });
  });
});
