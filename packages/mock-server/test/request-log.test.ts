// The request log: what tests read with mock.requests, bounded, with credentials hidden.
import { REDACTED } from "@export-api/client/internal";
import { IMODEL_ID } from "@export-api/test-utils";
import { describe, expect, it as plainIt } from "vitest";
import { createMockCore } from "../src/core/mock-core.js";
import { validateMockOptions } from "../src/core/options.js";
import { type LoggedRequest, REQUEST_LOG_LIMIT, RequestLog, redactCredentials } from "../src/core/request-log.js";
import { TERMINAL_CONTROLS } from "./fixtures/hostile.js";
import { it } from "./fixtures/mock.js";
import { rawGet } from "./fixtures/raw.js";

describe("mock.requests", () => {
  it("has method, path, decoded query, headers and a timestamp on the mock's clock", async ({ startMock }) => {
    const mock = await startMock({ now: () => Date.UTC(2030, 0, 2, 3, 4, 5) });
    await fetch(`${mock.url}/export/connections?imodelId=${IMODEL_ID}&$top=5&tag=a%20b&tag=c`, {
      headers: { Authorization: "Bearer secret-token-0123456789", Accept: "application/json", "X-Trace": "t1" },
    });
    expect(mock.requests).toEqual([
      {
        method: "GET",
        path: "/export/connections",
        query: { imodelId: IMODEL_ID, $top: "5", tag: ["a b", "c"] },
        headers: expect.objectContaining({
          authorization: "Bearer [redacted]",
          accept: "application/json",
          "x-trace": "t1",
        }),
        timestamp: "2030-01-02T03:04:05.000Z",
      },
    ]);
    expect(JSON.stringify(mock.requests)).not.toContain("secret-token");
  });

  it("logs every request but control requests: preflights, other paths, refused ones", async ({ startMock }) => {
    const mock = await startMock();
    await fetch(`${mock.url}/export/connections`, { method: "OPTIONS" });
    await fetch(`${mock.url}/nowhere`);
    await fetch(`${mock.url}/export/connections?$top=0`);
    await fetch(`${mock.url}/__mock/requests`);
    expect(mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "OPTIONS /export/connections",
      "GET /nowhere",
      "GET /export/connections",
    ]);
  });

  it("is a frozen snapshot; clearRequests() empties the log", async ({ startMock }) => {
    const mock = await startMock();
    await fetch(`${mock.url}/export/connections`);
    const snapshot = mock.requests;
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(Object.isFrozen(snapshot[0])).toBe(true);
    expect(Object.isFrozen(snapshot[0]!.headers)).toBe(true);
    mock.clearRequests();
    expect(mock.requests).toEqual([]);
    expect(snapshot).toHaveLength(1);
  });

  it("keeps the last requestLogLimit requests, oldest first; 0 keeps none", async ({ startMock }) => {
    const mock = await startMock({ requestLogLimit: 3 });
    for (let i = 0; i < 8; i++) await fetch(`${mock.url}/export/connections?n=${i}`);
    expect(mock.requests.map((r) => r.query.n)).toEqual(["5", "6", "7"]);
    const silent = await startMock({ requestLogLimit: 0 });
    await fetch(`${silent.url}/export/connections`);
    expect(silent.requests).toEqual([]);
  });
});

describe("tokens outside headers", () => {
  const SECRETS = [
    "secret-a-0123",
    "secret-b-4567",
    "secret-c-89ab",
    "secret-d-cdef",
    "secret-e-0246",
    "secret-f-1357",
  ];

  it("access_token= (RFC 6750 §2.3), token= and api_key= are [redacted] in the query, whatever their case or encoding", async ({
    startMock,
  }) => {
    const mock = await startMock();
    const query = [
      `imodelId=${IMODEL_ID}`,
      `access_token=${SECRETS[0]}`,
      `Token=${SECRETS[1]}`,
      `API_KEY=${SECRETS[2]}`,
      `%61ccess%5Ftoken=${SECRETS[3]}`, // access_token, percent-encoded
      `token=${SECRETS[4]}&token=${SECRETS[5]}`,
      "$top=5",
    ].join("&");
    await fetch(`${mock.url}/export/connections?${query}`, { headers: { Authorization: "Bearer t" } });
    expect(mock.requests[0]!.query).toEqual({
      imodelId: IMODEL_ID,
      access_token: [REDACTED, REDACTED], // as sent, and percent-encoded
      Token: REDACTED,
      API_KEY: REDACTED,
      token: [REDACTED, REDACTED],
      $top: "5",
    });
    const served = await (await fetch(`${mock.url}/__mock/requests`)).text();
    for (const secret of SECRETS) {
      expect(JSON.stringify(mock.requests)).not.toContain(secret);
      expect(served).not.toContain(secret);
    }
  });

  it.for([
    ["a port out of range", `http://a:99999/export/connections?imodelId=x&access_token=${SECRETS[0]}&$top=5`],
    ["an unclosed IPv6 host", `http://[::1/export/connections?%74oken=${SECRETS[0]}`],
    ["credentials before the host", `http://user:${SECRETS[0]}@a:99999/export/connections?api_key=${SECRETS[1]}`],
  ] as const)(
    "a malformed absolute-form target with %s is logged without the token",
    async ([, target], { startMock }) => {
      const mock = await startMock();
      expect((await rawGet(mock, target)).status).toBe(400);
      const [logged] = mock.requests;
      expect(logged!.path).toContain(REDACTED);
      for (const secret of SECRETS) expect(JSON.stringify(logged)).not.toContain(secret);
      // What is not a credential stays, so the log still shows what was sent.
      expect(logged!.path).toMatch(/\/export\/connections\?/);
    },
  );
});

describe("text that drives a terminal", () => {
  it("GET /__mock/requests escapes C1 controls, separators and bidi overrides as \\uXXXX: the same JSON values", async ({
    startMock,
  }) => {
    const mock = await startMock();
    // An 8-bit CSI (U+009B) and a right-to-left override (U+202E) in the query; the CSI as a raw byte in a header.
    const query = "imodelId=%C2%9B2J&note=%E2%80%AEevil%E2%80%A8line%E2%81%A6";
    await fetch(`${mock.url}/export/connections?${query}`, { headers: { "X-Note": "\u009b31mred\u0085" } });
    const text = await (await fetch(`${mock.url}/__mock/requests`)).text();
    expect(text).not.toMatch(TERMINAL_CONTROLS);
    expect(text).toContain("\\u009b2J");
    expect(text).toContain("\\u202eevil\\u2028line\\u2066");
    expect(text).toContain("\\u009b31mred\\u0085");
    // The log itself keeps what was received; only its JSON text is escaped.
    expect(JSON.parse(text).requests).toEqual(JSON.parse(JSON.stringify(mock.requests)));
    expect(mock.requests[0]!.query.note).toBe("\u202eevil\u2028line\u2066");
  });

  it("error bodies that quote the request escape them too (Prefer, a fault's kind)", async ({ startMock }) => {
    const mock = await startMock();
    const prefer = await fetch(`${mock.url}/export/connections?imodelId=${IMODEL_ID}`, {
      headers: { Authorization: "Bearer t", Prefer: "code=\u009b5m" },
    });
    expect(prefer.status).toBe(400);
    const preferText = await prefer.text();
    expect(preferText).not.toMatch(TERMINAL_CONTROLS);
    expect(JSON.parse(preferText).error.message).toContain("code=\u009b5m");
    const fault = await fetch(`${mock.url}/__mock/faults`, {
      method: "POST",
      body: JSON.stringify({ kind: "\u202estall" }),
    });
    expect(fault.status).toBe(400);
    const faultText = await fault.text();
    expect(faultText).not.toMatch(TERMINAL_CONTROLS);
    expect(JSON.parse(faultText).error.message).toContain('got "\u202estall"');
  });
});

describe("RequestLog", () => {
  const entry = (n: number): LoggedRequest => ({ method: "GET", path: `/${n}`, query: {}, headers: {}, timestamp: "" });

  plainIt(`keeps ${REQUEST_LOG_LIMIT} by default: memory stays bounded under load`, () => {
    const log = new RequestLog(REQUEST_LOG_LIMIT);
    for (let n = 0; n < 2_500; n++) log.add(entry(n));
    const kept = log.list();
    expect(kept).toHaveLength(REQUEST_LOG_LIMIT);
    expect(kept[0]!.path).toBe("/1500");
    expect(kept.at(-1)!.path).toBe("/2499");
  });
});

describe("redactCredentials", () => {
  plainIt.each([
    ["Bearer abc.def.ghi", "Bearer [redacted]"],
    ["bearer   abc", "bearer [redacted]"],
    ["Basic dXNlcjpwYXNz", "Basic [redacted]"],
    ["abc.def.ghi", "[redacted]"],
    ["Bearer ", "[redacted]"],
    ["", "[redacted]"],
  ])("%j -> %j: the scheme stays, the credentials go", (value, redacted) => {
    expect(redactCredentials(value)).toBe(redacted);
  });
});

describe("the log's entries, exactly", () => {
  const core = () =>
    createMockCore(validateMockOptions({ now: () => 0 }), {
      linkBase: "http://127.0.0.1:4010",
      basePath: "",
      host: "127.0.0.1",
    });

  plainIt("a request-target it cannot read: credentials before the host and in the query redacted, no query", () => {
    const mock = core();
    for (const target of [
      "http://user:secret@a:99999/export/connections?access_token=abc&$top=5",
      "*?token=abc&x=1",
      `http://a:99999/${"x".repeat(300)}`,
    ]) {
      expect(mock.handle({ method: "GET", target, headers: {} }).status).toBe(400);
    }
    expect(mock.controls.requests.map(({ path, query }) => ({ path, query }))).toEqual([
      { path: "http://[redacted]@a:99999/export/connections?access_token=[redacted]&$top=5", query: {} },
      { path: "*?token=[redacted]&x=1", query: {} },
      { path: `http://a:99999/${"x".repeat(300)}`.slice(0, 200), query: {} },
    ]);
  });

  plainIt("a header given several times is one string; a header given as undefined is left out", () => {
    const mock = core();
    mock.handle({
      method: "GET",
      target: "/elsewhere",
      headers: { "x-forwarded-for": ["10.0.0.1", "10.0.0.2"], cookie: ["a=1", "b=2"], "x-absent": undefined },
    });
    expect({ ...mock.controls.requests[0]!.headers }).toEqual({
      "x-forwarded-for": "10.0.0.1, 10.0.0.2",
      cookie: "[redacted]",
    });
  });
});

describe("redactCredentials, at its edges", () => {
  plainIt.each([
    ["  Bearer abc  ", "Bearer [redacted]"],
    ["0ab cd", "[redacted]"],
  ])("%j -> %j: a scheme is a name at the start of the value", (value, redacted) => {
    expect(redactCredentials(value)).toBe(redacted);
  });
});

describe("a path that starts with //user:password@", () => {
  it("is logged, and quoted in the 404, without the credentials", async ({ startMock }) => {
    const mock = await startMock();
    for (const target of ["//user:s3cret-pass@host/export/connections?x=1", "//user:s3cret-pass@a:99999/x"]) {
      const response = await rawGet(mock, target);
      expect(response.status).toBe(404);
      expect(response.body.toString("utf8")).not.toContain("s3cret-pass");
      expect(response.body.toString("utf8")).toContain(`//${REDACTED}@`);
    }
    expect(mock.requests.map((request) => request.path)).toEqual([
      `//${REDACTED}@host/export/connections`,
      `//${REDACTED}@a:99999/x`,
    ]);
    expect(JSON.stringify(mock.requests)).not.toContain("s3cret-pass");
  });
});
