// How the mock reads what it is sent: the request-target (a path, an absolute http(s) URL, a fragment) and the
// query string (`&`, `=`, `+`, percent escapes), as `mock.requests` shows it and as the answer shows it.
import { IMODEL_ID, validateError } from "@export-api/test-utils";
import { describe, expect, it as plainIt } from "vitest";
import { createMockCore } from "../src/core/mock-core.js";
import { validateMockOptions } from "../src/core/options.js";
import type { MockServer } from "../src/index.js";
import { it } from "./fixtures/mock.js";
import { rawRequest } from "./fixtures/raw.js";

const API = "/export/connections";

/** A raw GET of `target`, with a bearer token: fetch would rewrite what these tests send. */
const rawGet = (mock: MockServer, target: string) =>
  rawRequest(mock, `GET ${target} HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer t\r\nConnection: close\r\n\r\n`);

describe("the request-target", () => {
  it.for([
    ["*", "The request target must be a path or an absolute http(s) URL."],
    [
      `ftp://api.example${API}?imodelId=${IMODEL_ID}&next=http://api.example/`,
      "The request target must be a path or an absolute http(s) URL.",
    ],
    [`http://a:99999${API}?imodelId=${IMODEL_ID}`, "The request target is not a valid URL."],
  ])("%s gets 400 InvalidRequest saying why", async ([target, message], { startMock }) => {
    const mock = await startMock();
    const response = await rawGet(mock, target!);
    expect(response.status).toBe(400);
    const body = JSON.parse(response.body.toString("utf8"));
    expect(validateError(body).valid).toBe(true);
    expect(body.error).toEqual({ code: "InvalidRequest", message });
  });

  it("a fragment is not part of the query", async ({ startMock }) => {
    const mock = await startMock();
    const response = await rawGet(mock, `${API}?imodelId=${IMODEL_ID}&$top=2#page-2`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString("utf8")).connections).toHaveLength(2);
    expect(mock.requests[0]!.query).toEqual({ imodelId: IMODEL_ID, $top: "2" });
  });

  plainIt(
    "the core refuses a target with characters that must be percent-encoded, whatever transport hands it over",
    () => {
      const core = createMockCore(validateMockOptions({}), {
        linkBase: "http://127.0.0.1:4010",
        basePath: "",
        host: "127.0.0.1",
      });
      for (const target of [`${API}?imodelId=${IMODEL_ID}&note=a b`, `${API}?note=\u00e9`, `${API}?note=\u0000`]) {
        const plan = core.handle({
          method: "GET",
          target,
          headers: { host: "127.0.0.1:4010", authorization: "Bearer t" },
        });
        expect(plan.status).toBe(400);
        expect(JSON.parse(new TextDecoder().decode(plan.body)).error).toEqual({
          code: "InvalidRequest",
          message: "The request target has characters that must be percent-encoded.",
        });
      }
    },
  );
});

describe("the query string, as the request log keeps it", () => {
  it('splits on & (empty parts skipped) and =, a name alone has the value "", + and %20 are spaces', async ({
    startMock,
  }) => {
    const mock = await startMock();
    const response = await rawGet(mock, `${API}?imodelId=${IMODEL_ID}&&flag&note=a+b%2Bc&text=a%20b&plain=abc&`);
    expect(response.status).toBe(200);
    expect(mock.requests[0]!.query).toEqual({
      imodelId: IMODEL_ID,
      flag: "",
      note: "a b+c",
      text: "a b",
      plain: "abc",
    });
  });

  it("decodes every value of a repeated parameter", async ({ startMock }) => {
    const mock = await startMock();
    await rawGet(mock, `${API}?imodelId=${IMODEL_ID}&tag=1&tag=%32&tag=a+b`);
    expect(mock.requests[0]!.query.tag).toEqual(["1", "2", "a b"]);
  });

  it("a name alone is a parameter given with an empty value: $top alone is out of limits", async ({ startMock }) => {
    const mock = await startMock();
    const response = await rawGet(mock, `${API}?imodelId=${IMODEL_ID}&$top`);
    expect(response.status).toBe(422);
    expect(JSON.parse(response.body.toString("utf8")).error.details).toEqual([
      { code: "InvalidValue", message: "Page size is out of limits.", target: "$top" },
    ]);
    expect(mock.requests[0]!.query).toEqual({ imodelId: IMODEL_ID, $top: "" });
  });
});
