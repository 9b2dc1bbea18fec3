// Input validation (internal/validate.ts): a bad parameter, hostile ones included, fails before the network with a
// message that names it and shows the value escaped (describeValue), never by calling the value's own toString.
import { IMODEL_ID, it, page, type Serve, sendJson } from "@export-api/test-utils";
import fc from "fast-check";
import { describe, expect } from "vitest";
import { createExportClient, TOP_MAX, TOP_MIN } from "../src/index.js";
import { describeValue, readInteger, validateInteger } from "../src/internal/validate.js";
import { anyValue, BASE_URL, json, PROPERTY_TIMEOUT_MS, pageBody, settings, setupClient } from "./helpers.js";

/** A server that answers every request with a page, and a client of it: a test then counts what reached it. */
async function setup(serve: Serve) {
  const server = await serve((_request, response) => sendJson(response, 200, page(["a"])));
  return { server, client: createExportClient({ baseUrl: server.url, accessToken: "token-for-validation" }) };
}
const bounds = `must be an integer from ${TOP_MIN} to ${TOP_MAX}`;

describe("getExportConnections parameters", () => {
  it.for([
    ["imodelId missing", {}, /imodelId/],
    ["imodelId empty", { imodelId: "" }, /imodelId/],
    ["imodelId blank", { imodelId: "   " }, /imodelId/],
    ["imodelId not a string", { imodelId: 42 }, /imodelId/],
    [
      "top below the minimum",
      { imodelId: IMODEL_ID, top: TOP_MIN - 1 },
      new RegExp(`^top ${bounds}, got ${TOP_MIN - 1}$`),
    ],
    ["top above the maximum", { imodelId: IMODEL_ID, top: TOP_MAX + 1 }, new RegExp(`^top .* got ${TOP_MAX + 1}$`)],
    ["top not an integer", { imodelId: IMODEL_ID, top: 2.5 }, /^top /],
    ["top NaN", { imodelId: IMODEL_ID, top: Number.NaN }, /^top /],
    ["top a string", { imodelId: IMODEL_ID, top: "10" }, /^top /],
    [
      "skip negative",
      { imodelId: IMODEL_ID, skip: -1 },
      /^skip must be an integer from 0 to 9007199254740991, got -1$/,
    ],
    ["skip not an integer", { imodelId: IMODEL_ID, skip: 0.5 }, /^skip /],
    ["skip Infinity", { imodelId: IMODEL_ID, skip: Number.POSITIVE_INFINITY }, /^skip /],
  ])("%s rejects before the network", async ([_what, params, message], { serve }) => {
    const { server, client } = await setup(serve);

    await expect(client.getExportConnections(params as never)).rejects.toThrow(message);
    expect(server.requests).toHaveLength(0);
  });

  it("no params at all rejects naming imodelId", async ({ serve }) => {
    const { client } = await setup(serve);
    await expect(client.getExportConnections(undefined as never)).rejects.toThrow(/imodelId/);
  });

  it("no params at all: the error names imodelId, for one page and for paging", async () => {
    const client = createExportClient({ baseUrl: "http://127.0.0.1:9" });
    const message = /^imodelId must be a non-empty string .*, got undefined$/;
    await expect(client.getExportConnections(undefined as never)).rejects.toThrow(message);
    expect(() => client.iterateExportConnections(undefined as never)).toThrow(message);
  });

  it("accepts the spec's bounds: top TOP_MIN and TOP_MAX, skip 0", async ({ serve }) => {
    const { server, client } = await setup(serve);
    await client.getExportConnections({ imodelId: IMODEL_ID, top: TOP_MIN, skip: 0 });
    await client.getExportConnections({ imodelId: IMODEL_ID, top: TOP_MAX });
    expect(server.requests.map((request) => request.url.searchParams.get("$top"))).toEqual([
      String(TOP_MIN),
      String(TOP_MAX),
    ]);
  });

  it("a signal that is not an AbortSignal rejects before the network", async ({ serve }) => {
    const { server, client } = await setup(serve);
    await expect(client.getExportConnections({ imodelId: IMODEL_ID }, { signal: {} as never })).rejects.toThrow(
      /^signal must be an AbortSignal$/,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe("iterateExportConnections parameters", () => {
  it.for([
    ["imodelId missing", {}, /imodelId/],
    ["imodelId empty", { imodelId: "" }, /imodelId/],
    ["pageSize below the minimum", { imodelId: IMODEL_ID, pageSize: TOP_MIN - 1 }, new RegExp(`^pageSize ${bounds}`)],
    ["pageSize above the maximum", { imodelId: IMODEL_ID, pageSize: TOP_MAX + 1 }, /^pageSize /],
    ["pageSize not an integer", { imodelId: IMODEL_ID, pageSize: 10.5 }, /^pageSize /],
  ])("%s throws when the iterable is created, before the network", async ([_what, params, message], { serve }) => {
    const { server, client } = await setup(serve);

    expect(() => client.iterateExportConnections(params as never)).toThrow(message);
    expect(server.requests).toHaveLength(0);
  });
});

describe("a careless caller", () => {
  it.for([
    ["a line break", `${IMODEL_ID}\r\nGET /forged`],
    ["a lone surrogate", `${IMODEL_ID}\uD800`],
    ["an escape sequence", `\u001b[2J${IMODEL_ID}`],
  ] as [string, string][])(
    "an imodelId with %s is a TypeError before the network, never a retried ConnectionError",
    async ([_what, imodelId], { serve }) => {
      const { server, client, lines } = await setupClient(serve, (_request, response) =>
        sendJson(response, 200, page([])),
      );

      const error = await client.getExportConnections({ imodelId }).catch((e) => e);

      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toMatch(
        /^imodelId must be a non-empty string without control characters or lone surrogates, got "/,
      );
      // The value is shown escaped: no raw line break, escape or surrogate reaches a message.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
      expect(error.message).not.toMatch(/[\r\n\u001b\uD800]/);
      expect(server.requests).toHaveLength(0);
      expect(lines).toEqual([]);
    },
  );

  it("an object whose toString throws: the error names the parameter, not the object's own failure", async () => {
    const hostile = {
      toString() {
        throw new Error("boom from toString");
      },
    };
    const client = createExportClient({ baseUrl: "http://127.0.0.1:9" });

    await expect(client.getExportConnections({ imodelId: hostile as never })).rejects.toThrow(
      /^imodelId must be a non-empty string .*, got an object$/,
    );
    await expect(client.getExportConnections({ imodelId: IMODEL_ID, top: hostile as never })).rejects.toThrow(
      /^top must be an integer .*, got an object$/,
    );
    expect(() => createExportClient({ maxRetries: hostile as never })).toThrow(/^maxRetries .* got an object$/);
  });

  it("null for a signal or a logger is a TypeError naming it, not a crash", () => {
    expect(() => createExportClient({ logger: null as never })).toThrow(/^logger must be an object with debug/);
    const client = createExportClient({ baseUrl: "http://127.0.0.1:9" });
    expect(() => client.iterateExportConnections({ imodelId: IMODEL_ID }, { signal: null as never })).toThrow(
      /^signal must be an AbortSignal$/,
    );
  });
});

describe("the workspace's integer rules (validateInteger, readInteger)", () => {
  it("validateInteger: the value in range, the fallback for undefined, a RangeError naming it otherwise", () => {
    expect(validateInteger(5, "n", 1, 10)).toBe(5);
    expect(validateInteger(1, "n", 1, 10)).toBe(1);
    expect(validateInteger(10, "n", 1, 10)).toBe(10);
    expect(validateInteger(undefined, "n", 1, 10)).toBeUndefined();
    expect(validateInteger(undefined, "n", 1, 10, 7)).toBe(7);
    expect(() => validateInteger(0, "n", 1, 10, 7)).toThrow(new RangeError("n must be an integer from 1 to 10, got 0"));
    expect(() => validateInteger(11, "n", 1, 10)).toThrow(RangeError);
    expect(() => validateInteger(1.5, "n", 1, 10)).toThrow("n must be an integer from 1 to 10, got 1.5");
    expect(() => validateInteger("5", "n", 1, 10)).toThrow('n must be an integer from 1 to 10, got "5"');
    expect(() => validateInteger(null, "n", 1, 10, 7)).toThrow("got null");
  });

  it.each([
    ["0", 0],
    ["7", 7],
    ["-12", -12],
    ["007", 7],
    ["9007199254740991", Number.MAX_SAFE_INTEGER],
  ])("readInteger reads %j as %d", (text, value) => {
    expect(readInteger(text, "--n")).toBe(value);
  });

  it("readInteger leaves undefined alone", () => {
    expect(readInteger(undefined, "--n")).toBeUndefined();
  });

  it.each(["", " 5", "5 ", "+5", "1e2", "0x10", "1.0", "5a", "a5", "-", "--5", "9007199254740993", "Infinity"])(
    "readInteger refuses %j naming the flag, the text quoted",
    (text) => {
      expect(() => readInteger(text, "--n")).toThrow(
        new RangeError(`--n must be an integer, got ${JSON.stringify(text)}`),
      );
    },
  );
});

describe("describing a value in a message", () => {
  it.for([
    ["a".repeat(100), JSON.stringify("a".repeat(100))],
    ["a".repeat(101), JSON.stringify(`${"a".repeat(100)}...`)],
    [() => 1, "a function"],
    [Symbol("s"), "a symbol"],
    [[1], "an array"],
    [{}, "an object"],
    [null, "null"],
    [undefined, "undefined"],
    [5, "5"],
    [true, "true"],
  ] as [unknown, string][])("%s", ([value, shown]) => {
    expect(describeValue(value)).toBe(shown);
  });
});

describe("input: any imodelId, top or skip is refused before the network naming it, or sent exactly as given", () => {
  it(
    "holds for every generated call",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.constant(IMODEL_ID), anyValue),
          fc.oneof(fc.integer({ min: TOP_MIN, max: TOP_MAX }), anyValue),
          fc.oneof(fc.nat(), anyValue),
          async (imodelId, top, skip) => {
            const sent: URL[] = [];
            const client = createExportClient({
              baseUrl: BASE_URL,
              maxRetries: 0,
              fetch: async (request) => {
                sent.push(new URL(request.url));
                return json(pageBody([]));
              },
            });
            const params = { imodelId, top, skip } as never;
            const outcome = await client.getExportConnections(params).then(
              () => undefined,
              (e: unknown) => e,
            );
            if (outcome !== undefined) {
              expect(outcome instanceof TypeError || outcome instanceof RangeError).toBe(true);
              expect((outcome as Error).message).toMatch(/^(imodelId|top|skip) /);
              expect(sent).toEqual([]);
              return;
            }
            expect(sent).toHaveLength(1);
            const query = sent[0]!.searchParams;
            expect(query.getAll("imodelId")).toEqual([imodelId]);
            expect(query.get("$top")).toBe(top === undefined ? null : String(top));
            expect(query.get("$skip")).toBe(skip === undefined ? null : String(skip));
          },
        ),
        settings,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
