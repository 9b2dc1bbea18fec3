// Requests no client should send: each gets a 4xx with the API's error shape (422 with `details` for query
// parameters), never a 500 and never a crash. Raw sockets send what fetch would refuse or rewrite.
import { IMODEL_ID, validateError } from "@export-api/test-utils";
import { TOP_MAX } from "@export-api/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../src/index.js";
import { listConnections } from "./fixtures/http.js";
import { type RawResponse, rawGet, rawRequest } from "./fixtures/raw.js";

// The mock's first iModel is the spec's example (IMODEL_ID), so tables can name it before the mock starts.
const imodelId = IMODEL_ID;
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ connectionsPerImodel: 5 });
});
afterAll(() => mock.close());

const API = "/export/connections";

/** The error body of a raw response, checked against the spec's ErrorResponse schema. */
function errorOf(response: RawResponse) {
  const body = JSON.parse(response.body.toString("utf8"));
  expect(validateError(body)).toEqual({ valid: true, errors: "null" });
  return body.error;
}

/** The 422's details, after checking the status and the body's shape. */
async function detailsOf(response: Response | RawResponse) {
  expect(response.status).toBe(422);
  const body = "json" in response ? await response.json() : JSON.parse(response.body.toString("utf8"));
  expect(validateError(body).valid).toBe(true);
  expect(body.error.code).toBe("InvalidConnectionsRequest");
  return body.error.details;
}

describe("a request-target that is not a URL", () => {
  it.each([
    ["an absolute URL with a port out of range", `http://a:99999${API}?imodelId=x`],
    ["an absolute URL with an unclosed IPv6 host", `http://[::1${API}`],
    ["an asterisk", "*"],
    // The two absolute URLs were 500s (the URL parser threw inside the handler); the asterisk was a 404.
  ])("%s gets 400 InvalidRequest with the error body", async (_, target) => {
    const response = await rawGet(mock, target);
    expect(response.status).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: "InvalidRequest" });
  });

  it("an absolute URL that is valid is served like its path", async () => {
    const response = await rawGet(mock, `http://api.example${API}?imodelId=${imodelId}&$top=2`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString()).connections).toHaveLength(2);
  });

  it.each([
    ["a path without its leading slash", `GET export/connections HTTP/1.1\r\n`],
    ["a NUL byte", `GET ${API}?imodelId=\0 HTTP/1.1\r\n`],
    ["a space inside the query ($top= 5)", `GET ${API}?$top= 5 HTTP/1.1\r\n`],
    ["an unknown method", `BREW ${API} HTTP/1.1\r\n`],
  ])("%s, which node's parser refuses, gets 400 with the error body (it had none)", async (_, requestLine) => {
    const response = await rawRequest(mock, `${requestLine}Host: mock\r\nConnection: close\r\n\r\n`);
    expect(response.status).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: "InvalidRequest" });
  });

  it("raw bytes that are not ASCII (a lone surrogate's UTF-8-like bytes) get 400 with the error body", async () => {
    const line = Buffer.concat([
      Buffer.from(`GET ${API}?imodelId=`),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from(" HTTP/1.1\r\n"),
    ]);
    const response = await rawRequest(
      mock,
      Buffer.concat([line, Buffer.from("Host: mock\r\nConnection: close\r\n\r\n")]),
    );
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe("InvalidRequest");
  });
});

describe("an absurdly long request", () => {
  // Schemathesis (--checks all) flagged the 414 the mock sent for this request: a status the spec does not document.
  it("a 6,271-character query of repeated $skip values gets what the spec documents for it: 422 naming $skip", async () => {
    const query = Array(784).fill("$skip=0").join("&");
    expect(query.length).toBe(6271);
    const details = await detailsOf(await rawGet(mock, `${API}?${query}`));
    expect(details).toEqual([
      { code: "InvalidValue", message: "Required parameter imodelId is missing.", target: "imodelId" },
      { code: "InvalidValue", message: "Parameter $skip must be given once; it was given 784 times.", target: "$skip" },
    ]);
  });

  it("a request-target of 15,000 characters is read like any other (unknown parameters are ignored)", async () => {
    const response = await listConnections(mock, { imodelId, $top: 2, junk: "x".repeat(15_000) });
    expect(response.status).toBe(200);
    expect((await response.json()).connections).toHaveLength(2);
  });

  it("a header section over node's 16 KiB gets 431 with the error body", async () => {
    const response = await rawGet(mock, `${API}?imodelId=${imodelId}&junk=${"x".repeat(20_000)}`);
    expect(response.status).toBe(431);
    expect(errorOf(response).code).toBe("RequestHeaderFieldsTooLarge");
  });
});

describe("query parameters that are not what they seem: 422 with one detail per parameter", () => {
  it.each(["$top", "$skip", "imodelId"])("%s given twice", async (name) => {
    const query = `imodelId=${imodelId}&$top=5&$skip=0&${name}=${name === "imodelId" ? imodelId : "1"}`;
    const details = await detailsOf(
      await fetch(`${mock.url}${API}?${query}`, { headers: { Authorization: "Bearer t" } }),
    );
    expect(details).toEqual([
      { code: "InvalidValue", message: `Parameter ${name} must be given once; it was given 2 times.`, target: name },
    ]);
  });

  it.each([
    ["a truncated escape in a value", `imodelId=%E0%A4%A`, "imodelId"],
    ["a surrogate, percent-encoded", `imodelId=%ED%A0%80`, "imodelId"],
    ["bytes that are not UTF-8 in $top", `imodelId=${IMODEL_ID}&$top=5%FF`, "$top"],
    ["a bad escape in a parameter's name", `imodelId=${IMODEL_ID}&%E0%A4%A=1`, "%E0%A4%A"],
  ])("%s is not valid percent-encoded UTF-8", async (_, query, target) => {
    const details = await detailsOf(await rawGet(mock, `${API}?${query}`));
    expect(details).toEqual([
      { code: "InvalidValue", message: `Parameter ${target} is not valid percent-encoded UTF-8.`, target },
    ]);
  });

  it("a percent-encoded NUL in imodelId is an invalid imodelId", async () => {
    expect(await detailsOf(await rawGet(mock, `${API}?imodelId=%00`))).toEqual([
      { code: "InvalidValue", message: "Provided imodelId value is not valid.", target: "imodelId" },
    ]);
  });

  it.each(["1e3", "+5", " 5", "5 ", "0x10", "-0", "5.0", "１０"])("$top=%j is out of limits", async ($top) => {
    expect(await detailsOf(await listConnections(mock, { imodelId, $top }))).toEqual([
      { code: "InvalidValue", message: "Page size is out of limits.", target: "$top" },
    ]);
  });

  it.each(["9007199254740992", "99999999999999999999", "1e400"])(
    "$skip=%s (past 2^53-1) is not valid",
    async ($skip) => {
      expect(await detailsOf(await listConnections(mock, { imodelId, $skip }))).toEqual([
        { code: "InvalidValue", message: "Skip value is not valid.", target: "$skip" },
      ]);
    },
  );

  it("$skip=2^53-1 is served: an empty page whose prev link stays a safe integer", async () => {
    const response = await listConnections(mock, { imodelId, $skip: String(Number.MAX_SAFE_INTEGER), $top: TOP_MAX });
    expect(response.status).toBe(200);
    const page = await response.json();
    expect(page.connections).toEqual([]);
    expect(page._links.next).toBeUndefined();
    expect(page._links.prev.href).toContain(`$skip=${Number.MAX_SAFE_INTEGER - TOP_MAX}&`);
  });
});

describe("the server after all of that", () => {
  it("is still serving", async () => {
    expect((await listConnections(mock, { imodelId })).status).toBe(200);
  });
});
