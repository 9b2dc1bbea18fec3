// What a failed attempt becomes (internal/classify.ts), decided without a socket: classifyFailure is pure, so each
// outcome is one call.
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConnectionError,
  ExportApiError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from "../src/index.js";
import { classifyFailure, type FailedAttempt } from "../src/internal/classify.js";

const REQUEST = "GET http://127.0.0.1:1/export/connections?imodelId=x";
const options = { redact: (text: string) => text.split("s3cr3t-token").join("[redacted]"), timeoutMs: 250 };
const response = (status: number, headers: Record<string, string> = {}, statusText = "") => ({
  ok: status >= 200 && status < 300,
  status,
  statusText,
  headers: new Headers(headers),
});
const classify = (failure: Partial<FailedAttempt>) =>
  classifyFailure({ request: REQUEST, timedOut: false, ...failure }, options);

describe("classifyFailure", () => {
  it("the time limit wins over everything else it saw", () => {
    const cause = new DOMException("aborted", "AbortError");
    const error = classify({ timedOut: true, response: response(200), thrown: cause });
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(`${REQUEST} took longer than timeoutMs (250 ms)`);
    expect(error.cause).toBe(cause);
  });

  it("an error status gives its subclass with the API's fields, redacted", () => {
    const error = classify({
      response: response(401, { "x-correlation-id": "corr" }, "Unauthorized"),
      body: { error: { code: "InvalidToken", message: "Token s3cr3t-token expired.", target: "s3cr3t-token" } },
    });
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      message: "401 Unauthorized: InvalidToken: Token [redacted] expired.",
      code: "InvalidToken",
      apiMessage: "Token [redacted] expired.",
      target: "[redacted]",
      requestId: "corr",
    });
  });

  it("an error status whose body could not be read is still the subclass for it, with the cause", () => {
    const cause = new TypeError("terminated");
    const error = classify({ response: response(503, { "retry-after": "2" }), thrown: cause });
    expect(error).toBeInstanceOf(ServerError);
    expect(error.retryAfterMs).toBe(2_000);
    expect(error.cause).toBe(cause);
  });

  it("a 429 carries Retry-After, read once into retryAfterMs", () => {
    const error = classify({ response: response(429, { "retry-after": "7" }), body: "" });
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(7_000);
  });

  it("a 2xx that is not JSON, or JSON that is not a page, is InvalidResponseBody", () => {
    const notJson = classify({ response: response(200), thrown: new SyntaxError("Unexpected token <") });
    expect(notJson.constructor).toBe(ExportApiError);
    expect(notJson).toMatchObject({ code: "InvalidResponseBody", status: 200 });
    expect(notJson.message).toBe("200: the response body is not valid JSON");

    const notPage = classify({ response: response(200, { echo: "s3cr3t-token" }), body: { hello: 1 } });
    expect(notPage).toMatchObject({ code: "InvalidResponseBody", status: 200, headers: { echo: "[redacted]" } });
    expect(notPage.message).toBe("200: the response body is not a page of export connections");
  });

  it("no response is a ConnectionError naming the cause's reason", () => {
    const thrown = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    const error = classify({ thrown });
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe(`${REQUEST} failed: fetch failed (ECONNREFUSED)`);
  });

  it("a runtime that denies network access (Deno without --allow-net) is not a ConnectionError: nothing to retry", () => {
    const denial = Object.assign(
      new Error('Requires net access to "127.0.0.1:4010", run again with the --allow-net flag'),
      {
        name: "NotCapable",
      },
    );
    const error = classify({ thrown: denial });
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(error.code).toBe("NetworkAccessDenied");
    expect(error.message).toBe(
      `${REQUEST} was refused by the runtime: Requires net access to "127.0.0.1:4010", run again with the --allow-net flag`,
    );
    expect(classify({ thrown: Object.assign(new Error("denied"), { name: "PermissionDenied" }) }).code).toBe(
      "NetworkAccessDenied",
    );
  });

  it("a 2xx whose body broke off mid-read is a ConnectionError that says so", () => {
    const error = classify({ response: response(200), thrown: new TypeError("terminated") });
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe(`${REQUEST} failed while reading the response body: terminated`);
  });

  it("details nested deeper than five levels are cut there", () => {
    let details: unknown = [];
    for (let level = 0; level < 9; level++) details = [{ code: `L${level}`, message: "m", details }];
    const error = classifyFailure(
      {
        request: "GET x",
        response: { ok: false, status: 422, statusText: "", headers: new Headers() },
        body: { error: { code: "C", message: "m", details } },
        timedOut: false,
      },
      { redact: (text) => text, timeoutMs: 1 },
    );
    let depth = 0;
    for (let level = error.details as typeof error.details | undefined; level?.length; level = level[0]!.details)
      depth++;
    expect(depth).toBe(5);
  });

  it("a thrown undefined is a ConnectionError that says so", () => {
    const error = classifyFailure(
      { request: "GET x", thrown: undefined, timedOut: false, response: undefined },
      {
        redact: (text) => text,
        timeoutMs: 1,
      },
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe("GET x failed: undefined");
  });
});
