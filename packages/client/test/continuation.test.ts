// Resumable paging (internal/continuation.ts): every page of pages().withResponse() carries a token that resumes the
// listing after it, in this client or another; a token of another iModel or version, cut short, edited, huge or not
// a token is refused before any request, and whatever a token holds yields only validated $skip/$top.
import { IMODEL_ID, it, PUBLIC_HOST, page, paged, sendJson, UNKNOWN_IMODEL_ID } from "@export-api/test-utils";
import { SKIP_MAX, TOP_MAX, TOP_MIN } from "@export-api/types";
import fc from "fast-check";
import { describe, expect } from "vitest";
import { createExportClient } from "../src/index.js";
import { readContinuation, writeContinuation } from "../src/internal/continuation.js";
import { settings } from "./helpers.js";

/** Every page of an iteration with its continuation. */
async function pagesOf(iterable: ReturnType<ReturnType<typeof createExportClient>["iterateExportConnections"]>) {
  const pages: { ids: string[]; continuation: string | undefined }[] = [];
  for await (const { data, continuation } of iterable.pages().withResponse()) {
    pages.push({ ids: data.connections.map((connection) => connection.id), continuation });
  }
  return pages;
}

describe("continuation tokens", () => {
  it("each page's token resumes at the next page, in another client; the last page has none", async ({ serve }) => {
    const server = await serve(paged(25, { defaultTop: 10 }));
    const pages = await pagesOf(
      createExportClient({ baseUrl: server.url }).iterateExportConnections({ imodelId: IMODEL_ID, pageSize: 10 }),
    );
    expect(pages.map((page) => page.ids.length)).toEqual([10, 10, 5]);
    expect(pages.at(-1)!.continuation).toBeUndefined();

    // A crash after storing page 1: a new process resumes from its token and reads pages 2 and 3 only.
    const requestsBefore = server.requests.length;
    const resumed = await pagesOf(
      createExportClient({ baseUrl: server.url }).iterateExportConnections(
        { imodelId: IMODEL_ID },
        { resumeFrom: pages[0]!.continuation },
      ),
    );
    expect(resumed.map((page) => page.ids)).toEqual(pages.slice(1).map((page) => page.ids));
    const first = server.requests[requestsBefore]!.url.searchParams;
    expect([first.get("imodelId"), first.get("$skip"), first.get("$top")]).toEqual([IMODEL_ID, "10", "10"]);
  });

  it("item by item, a resumed iteration gives the remaining connections", async ({ serve }) => {
    const server = await serve(paged(7, { defaultTop: 3 }));
    const client = createExportClient({ baseUrl: server.url });
    const [first] = await pagesOf(client.iterateExportConnections({ imodelId: IMODEL_ID, pageSize: 3 }));
    const rest = await client
      .iterateExportConnections({ imodelId: IMODEL_ID }, { resumeFrom: first!.continuation })
      .toArray();
    expect(rest.map((connection) => connection.id)).toEqual(["c-3", "c-4", "c-5", "c-6"]);
  });

  it("README: a connection added while away repeats on resume (at-least-once); dropping by id stores each once", async ({
    serve,
  }) => {
    // The list changes between the crash and the resume: a connection is added at the front, so offsets shift.
    const list = Array.from({ length: 6 }, (_, i) => `c-${i}`);
    const server = await serve((request, response) => {
      const skip = Number(request.url.searchParams.get("$skip") ?? 0);
      const top = Number(request.url.searchParams.get("$top") ?? 100);
      const link = (s: number) => `${PUBLIC_HOST}/export/connections?$skip=${s}&$top=${top}`;
      sendJson(
        response,
        200,
        page(list.slice(skip, skip + top), skip + top < list.length ? { next: link(skip + top) } : {}),
      );
    });
    const client = createExportClient({ baseUrl: server.url });
    const stored: string[] = [];
    const seen = new Set<string>();
    let resumeFrom: string | undefined;
    const store = async (resume: string | undefined, stopAfter: number) => {
      let pages = 0;
      for await (const { data, continuation } of client
        .iterateExportConnections({ imodelId: IMODEL_ID, pageSize: 3 }, { resumeFrom: resume })
        .pages()
        .withResponse()) {
        const fresh = data.connections.filter((connection) => !seen.has(connection.id));
        for (const connection of fresh) seen.add(connection.id);
        stored.push(...fresh.map((connection) => connection.id));
        resumeFrom = continuation;
        if (++pages === stopAfter) return; // the crash
      }
    };
    await store(undefined, 1);
    list.unshift("c-new");
    const pagesSeen: string[][] = [];
    const resumed = client.iterateExportConnections({ imodelId: IMODEL_ID }, { resumeFrom }).pages();
    for await (const { connections } of resumed) pagesSeen.push(connections.map((connection) => connection.id));
    expect(pagesSeen[0]).toEqual(["c-2", "c-3", "c-4"]); // c-2 again: at-least-once
    await store(resumeFrom, Number.POSITIVE_INFINITY);
    expect(stored).toEqual(["c-0", "c-1", "c-2", "c-3", "c-4", "c-5"]);
  });

  it("a token without a page size resumes without $top; an iModel id is compared without case", () => {
    const token = writeContinuation({ imodelId: IMODEL_ID, skip: 100 });
    expect(readContinuation(token, IMODEL_ID.toUpperCase())).toEqual({
      imodelId: IMODEL_ID.toUpperCase(),
      skip: 100,
      top: undefined,
    });
  });

  it("a different pageSize beside resumeFrom is refused: the token's page size is the listing's", () => {
    const client = createExportClient({ baseUrl: "http://127.0.0.1:9" });
    const resumeFrom = writeContinuation({ imodelId: IMODEL_ID, skip: 10, top: 10 });
    expect(() => client.iterateExportConnections({ imodelId: IMODEL_ID, pageSize: 20 }, { resumeFrom })).toThrow(
      new RangeError("pageSize 20 differs from resumeFrom's page size (10)"),
    );
    expect(() => client.iterateExportConnections({ imodelId: IMODEL_ID, pageSize: 10 }, { resumeFrom })).not.toThrow();
  });

  // Each token is made inside its test (a thunk), so the table runs no client code while tests are collected.
  it.for<[string, () => unknown, RegExp]>([
    ["not a string", () => 42, /^resumeFrom is not a continuation token/],
    ["empty", () => "", /^resumeFrom is not a continuation token/],
    [
      "another version",
      () => writeContinuation({ imodelId: IMODEL_ID, skip: 1 }).replace("ec1", "ec2"),
      /not a continuation token \(ec1\)/,
    ],
    [
      "another iModel's",
      () => writeContinuation({ imodelId: UNKNOWN_IMODEL_ID, skip: 1 }),
      /^resumeFrom is another iModel's$/,
    ],
    [
      "cut short",
      () => writeContinuation({ imodelId: IMODEL_ID, skip: 12_345 }).slice(0, -3),
      /^resumeFrom is (damaged|not)/,
    ],
    [
      "edited",
      () => writeContinuation({ imodelId: IMODEL_ID, skip: 10 }).replace(":10:", ":90:"),
      /^resumeFrom is damaged/,
    ],
    ["huge", () => `ec1:${"9".repeat(5000)}`, /^resumeFrom is not a continuation token/],
  ])("%s is refused before any request, naming resumeFrom", async ([, makeToken, message], { serve }) => {
    const token = makeToken();
    const server = await serve(paged(25));
    const client = createExportClient({ baseUrl: server.url });
    expect(() => client.iterateExportConnections({ imodelId: IMODEL_ID }, { resumeFrom: token as never })).toThrow(
      message,
    );
    expect(server.requests).toHaveLength(0);
  });
});

/** FNV-1a (32 bits) in base 36: the token's checksum as the documented format has it, to write tokens by hand. */
function sign(body: string): string {
  let hash = 0x811c9dc5;
  for (const char of body) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return `${body}:${(hash >>> 0).toString(36)}`;
}

/** What readContinuation throws for `token`, or a failure if it reads it. */
function refusal(token: unknown, imodelId = IMODEL_ID): Error {
  try {
    readContinuation(token, imodelId);
  } catch (error) {
    return error as Error;
  }
  return expect.unreachable(`${String(token)} was read`);
}

describe("continuation tokens: the exact format, and each refusal's message", () => {
  it("a token is ec1:<skip>:<top>:<iModel id, percent-encoded>:<checksum>, stable across releases", () => {
    // A token stored by one release is resumed by the next: these exact strings must keep reading the same.
    expect(writeContinuation({ imodelId: IMODEL_ID, skip: 10, top: 5 })).toBe(`ec1:10:5:${IMODEL_ID}:oc0j7f`);
    expect(writeContinuation({ imodelId: "Straße 7/a" })).toBe("ec1:0:0:Stra%C3%9Fe%207%2Fa:d68kje");
    expect(sign(`ec1:10:5:${IMODEL_ID}`)).toBe(`ec1:10:5:${IMODEL_ID}:oc0j7f`);
    expect(readContinuation(`ec1:10:5:${IMODEL_ID}:oc0j7f`, IMODEL_ID)).toEqual({
      imodelId: IMODEL_ID,
      skip: 10,
      top: 5,
    });
    expect(readContinuation("ec1:0:0:Stra%C3%9Fe%207%2Fa:d68kje", "STRASSE 7/A".replace("SS", "ß"))).toEqual({
      imodelId: "STRAßE 7/A",
      skip: 0,
      top: undefined,
    });
  });

  it("what is not a string is not a token, with the same message as any other non-token", () => {
    for (const token of [null, undefined, 42, {}, ["ec1", "0", "0", IMODEL_ID]]) {
      const error = refusal(token);
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toBe("resumeFrom is not a continuation token (ec1)");
    }
  });

  it("a token of another version is refused as one, even with a checksum of its own", () => {
    for (const token of [sign(`ec2:0:0:${IMODEL_ID}`), sign(`EC1:0:0:${IMODEL_ID}`), sign(`ec1:0:0:0:${IMODEL_ID}`)]) {
      expect(refusal(token)).toEqual(new TypeError("resumeFrom is not a continuation token (ec1)"));
    }
  });

  it("a token of 4096 characters or more is refused unread, however well formed; 4095 is read", () => {
    const tokenOfLength = (length: number) => {
      for (let idLength = length - 20; idLength < length; idLength++) {
        const token = writeContinuation({ imodelId: "m".repeat(idLength), skip: 1 });
        if (token.length === length) return { token, imodelId: "m".repeat(idLength) };
      }
      return expect.unreachable(`no token of ${length} characters`);
    };
    const longest = tokenOfLength(4095);
    expect(readContinuation(longest.token, longest.imodelId)).toEqual({
      imodelId: longest.imodelId,
      skip: 1,
      top: undefined,
    });
    for (const length of [4096, 4097, 6000]) {
      const { token, imodelId } = tokenOfLength(length);
      expect(refusal(token, imodelId)).toEqual(new TypeError("resumeFrom is not a continuation token (ec1)"));
    }
  });

  it("an id that is not valid percent-encoding is damaged, even under a matching checksum", () => {
    expect(refusal(sign("ec1:0:0:%E0%A4%A"))).toEqual(new TypeError("resumeFrom is damaged (cut short or edited)"));
  });

  it("a checksum that does not match the rest is damaged: every character counts, the last one too", () => {
    const token = writeContinuation({ imodelId: IMODEL_ID, skip: 10, top: 5 });
    const lastEdited = token.replace(/f:oc0j7f$/, "e:oc0j7f");
    expect(refusal(lastEdited)).toEqual(new TypeError("resumeFrom is damaged (cut short or edited)"));
  });

  it("a $skip or $top that is not plain digits, or out of the spec's bounds, is refused naming it", () => {
    const cases: [string, string][] = [
      [`ec1:x5:0:${IMODEL_ID}`, `resumeFrom's $skip must be an integer from 0 to ${SKIP_MAX}, got "x5"`],
      [`ec1:5x:0:${IMODEL_ID}`, `resumeFrom's $skip must be an integer from 0 to ${SKIP_MAX}, got "5x"`],
      [`ec1:-5:0:${IMODEL_ID}`, `resumeFrom's $skip must be an integer from 0 to ${SKIP_MAX}, got "-5"`],
      [
        `ec1:9007199254740992:0:${IMODEL_ID}`,
        `resumeFrom's $skip must be an integer from 0 to ${SKIP_MAX}, got 9007199254740992`,
      ],
      [
        `ec1:${"1".repeat(17)}:0:${IMODEL_ID}`,
        `resumeFrom's $skip must be an integer from 0 to ${SKIP_MAX}, got "${"1".repeat(17)}"`,
      ],
      [`ec1:0:1e2:${IMODEL_ID}`, `resumeFrom's $top must be an integer from 0 to ${TOP_MAX}, got "1e2"`],
      [
        `ec1:0:${TOP_MAX + 1}:${IMODEL_ID}`,
        `resumeFrom's $top must be an integer from 0 to ${TOP_MAX}, got ${TOP_MAX + 1}`,
      ],
    ];
    for (const [body, message] of cases) {
      const error = refusal(sign(body));
      expect(error, body).toBeInstanceOf(RangeError);
      expect(error.message, body).toBe(message);
    }
    expect(readContinuation(sign(`ec1:0:${TOP_MAX}:${IMODEL_ID}`), IMODEL_ID)).toEqual({
      imodelId: IMODEL_ID,
      skip: 0,
      top: TOP_MAX,
    });
  });
});

describe("continuation tokens against anything (properties)", () => {
  const query = fc.record({
    imodelId: fc.oneof(
      fc.uuid(),
      fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ""),
    ),
    skip: fc.integer({ min: 0, max: SKIP_MAX }),
    top: fc.option(fc.integer({ min: TOP_MIN, max: TOP_MAX }), { nil: undefined }),
  });

  it("any query round-trips", () => {
    fc.assert(
      fc.property(query, (q) => {
        expect(readContinuation(writeContinuation(q), q.imodelId)).toEqual({ ...q, skip: q.skip });
      }),
      settings,
    );
  });

  it("another iModel's token is refused", () => {
    fc.assert(
      fc.property(query, fc.uuid(), (q, other) => {
        fc.pre(other.toLowerCase() !== q.imodelId.toLowerCase());
        expect(() => readContinuation(writeContinuation(q), other)).toThrow(TypeError);
      }),
      settings,
    );
  });

  it("any shorter prefix of a token is refused", () => {
    fc.assert(
      fc.property(query, fc.nat(), (q, cut) => {
        const token = writeContinuation(q);
        expect(() => readContinuation(token.slice(0, cut % token.length), q.imodelId)).toThrow(TypeError);
      }),
      settings,
    );
  });

  it("a token with any one character changed is refused (or, never, read into other values)", () => {
    fc.assert(
      fc.property(query, fc.nat(), fc.integer({ min: 32, max: 126 }), (q, at, code) => {
        const token = writeContinuation(q);
        const index = at % token.length;
        fc.pre(token.charCodeAt(index) !== code);
        const edited = `${token.slice(0, index)}${String.fromCharCode(code)}${token.slice(index + 1)}`;
        let read: unknown;
        try {
          read = readContinuation(edited, q.imodelId);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          return;
        }
        // A 32-bit checksum can collide; then the values must still be the token's own (never anything else).
        expect(read).toEqual(readContinuation(token, q.imodelId));
      }),
      settings,
    );
  });

  it("whatever string is given: refused, or a $skip and $top within the spec's bounds", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.tuple(fc.string(), fc.string(), fc.string()).map((parts) => `ec1:${parts.join(":")}`),
          fc.string({ minLength: 3000, maxLength: 6000 }),
        ),
        (token) => {
          try {
            const { skip, top } = readContinuation(token, IMODEL_ID);
            expect(Number.isSafeInteger(skip) && skip! >= 0 && skip! <= SKIP_MAX).toBe(true);
            if (top !== undefined) expect(Number.isInteger(top) && top >= TOP_MIN && top <= TOP_MAX).toBe(true);
          } catch (error) {
            expect((error as Error).message).toMatch(/^resumeFrom/);
          }
        },
      ),
      settings,
    );
  });
});
