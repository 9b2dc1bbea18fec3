// Typed errors (errors.ts; which one: internal/classify.ts): every non-2xx answer is an ExportApiError subclass by
// status, whatever its body, and no answer at all is a ConnectionError. Never a raw SyntaxError.
import {
  apiError,
  type Handler,
  IMODEL_ID,
  it,
  type Serve,
  sendJson,
  sendText,
  startServer,
} from "@export-api/test-utils";
import { describe, expect } from "vitest";
import {
  AuthenticationError,
  ConnectionError,
  createExportClient,
  ExportApiError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  UnprocessableEntityError,
} from "../src/index.js";
import { failingCall, setupClient } from "./helpers.js";

/** One call with retries off, against a server answering every request with `handler`; resolves to the error. */
async function failure(serve: Serve, handler: Handler): Promise<any> {
  return failingCall(await serve(handler));
}

describe("an error status gives the subclass for it, carrying the documented body", () => {
  it.for([
    [401, AuthenticationError, "HeaderNotFound"],
    [403, PermissionDeniedError, "InsufficientPermissions"],
    [404, NotFoundError, "ConnectionNotFound"],
    [422, UnprocessableEntityError, "InvalidConnectionsRequest"],
    [429, RateLimitError, "TooManyRequests"],
    [500, ServerError, "InternalServerError"],
    [502, ServerError, "BadGateway"],
    [503, ServerError, "ServiceUnavailable"],
  ] as const)("%i -> %o", async ([status, ErrorClass, code], { serve }) => {
    const error = await failure(serve, (_request, response) =>
      sendJson(response, status, apiError(code, `the ${code} message`), { "x-correlation-id": "corr-1" }),
    );

    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ExportApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: ErrorClass.name,
      status,
      code,
      message: expect.stringContaining(`the ${code} message`),
      requestId: "corr-1",
    });
    expect(error.message).toMatch(new RegExp(`^${status}\\b`));
    expect(error.headers["content-type"]).toBe("application/json");
  });

  it("a 422 carries target and details", async ({ serve }) => {
    const details = [
      { code: "InvalidValue", message: "Page size is out of limits.", target: "$top" },
      { code: "InvalidValue", message: "Provided imodelId value is not valid.", target: "imodelId" },
    ];
    const error = await failure(serve, (_request, response) =>
      sendJson(
        response,
        422,
        apiError("InvalidConnectionsRequest", "Cannot get connections.", { target: "query", details }),
      ),
    );

    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.target).toBe("query");
    expect(error.details).toEqual(details);
  });

  it("another 4xx is a plain ExportApiError", async ({ serve }) => {
    const error = await failure(serve, (_request, response) =>
      sendJson(response, 418, apiError("Teapot", "I am a teapot")),
    );

    expect(error.constructor).toBe(ExportApiError);
    expect(error).toMatchObject({ status: 418, code: "Teapot" });
  });

  it("an error body with a message and no code: the message after the status", async ({ serve }) => {
    const server = await serve((_request, response) =>
      sendJson(response, 404, { error: { message: "No such iModel." } }),
    );
    const error = await createExportClient({ baseUrl: server.url, maxRetries: 0 })
      .getExportConnections({ imodelId: IMODEL_ID })
      .catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe("404 Not Found: No such iModel.");
  });

  it("takes the request id from x-request-id or request-id too, and leaves it undefined without one", async ({
    serve,
  }) => {
    const withRequestId = await failure(serve, (_request, response) =>
      sendJson(response, 404, apiError("ConnectionNotFound", "gone"), { "x-request-id": "req-7" }),
    );
    expect(withRequestId.requestId).toBe("req-7");

    const without = await failure(serve, (_request, response) =>
      sendJson(response, 404, apiError("ConnectionNotFound", "gone")),
    );
    expect(without.requestId).toBeUndefined();
  });
});

describe("an error body that is not the documented shape still gives the typed error with the status", () => {
  it.for([
    [
      "HTML",
      502,
      ServerError,
      (r: Parameters<Handler>[1]) => sendText(r, 502, "<html><body>Bad gateway</body></html>", "text/html"),
    ],
    ["empty", 500, ServerError, (r: Parameters<Handler>[1]) => sendText(r, 500, "", "application/json")],
    [
      "empty, without Content-Length",
      403,
      PermissionDeniedError,
      (r: Parameters<Handler>[1]) => {
        r.writeHead(403, { "content-type": "application/json", "transfer-encoding": "chunked" });
        r.end();
      },
    ],
    [
      "truncated JSON",
      503,
      ServerError,
      (r: Parameters<Handler>[1]) => sendText(r, 503, '{"error":{"code":"Servi', "application/json"),
    ],
    [
      "JSON of another shape",
      401,
      AuthenticationError,
      (r: Parameters<Handler>[1]) => sendJson(r, 401, { message: "nope", error: "denied" }),
    ],
    ["a JSON null", 404, NotFoundError, (r: Parameters<Handler>[1]) => sendText(r, 404, "null", "application/json")],
    [
      "error fields of the wrong types",
      422,
      UnprocessableEntityError,
      (r: Parameters<Handler>[1]) => sendJson(r, 422, { error: { code: 7, message: null, target: {}, details: "x" } }),
    ],
  ] as const)("%s", async ([_what, status, ErrorClass, respond], { serve }) => {
    const error = await failure(serve, (_request, response) => respond(response));

    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(error).toMatchObject({ status, code: undefined, target: undefined, details: [] });
    expect(error.message).toMatch(new RegExp(`^${status}\\b.*no error description`));
  });

  it("a connection cut while an error body is read still gives the typed error for the status", async ({ serve }) => {
    const error = await failure(serve, (_request, response) => {
      response.writeHead(500, { "content-type": "application/json", "content-length": "1000" });
      response.write('{"error":');
      setImmediate(() => response.destroy());
    });

    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(500);
  });

  it("an HTML error page is an error without a cause: there was nothing wrong in reading it", async ({ serve }) => {
    const server = await serve((_request, response) => sendText(response, 502, "<html>proxy</html>", "text/html"));
    const error = await createExportClient({ baseUrl: server.url, maxRetries: 0 })
      .getExportConnections({ imodelId: IMODEL_ID })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.cause).toBeUndefined();
  });

  it("details holding null, strings and nested junk keep only the entries shaped like errors", async ({ serve }) => {
    const { client } = await setupClient(
      serve,
      (_request, response) =>
        sendJson(response, 422, {
          error: {
            code: "InvalidConnectionsRequest",
            message: "Cannot perform operation.",
            details: [
              null,
              "text",
              7,
              [],
              { code: 5, target: "$top" },
              { code: "InvalidValue", message: "bad", details: [null] },
            ],
          },
        }),
      { maxRetries: 0 },
    );

    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);

    expect(error.details).toEqual([
      { code: "", message: "", target: "$top" },
      { code: "InvalidValue", message: "bad", details: [] },
    ]);
  });
});

describe("no response at all", () => {
  it("a refused connection is a ConnectionError without a status", async () => {
    const closed = await startServer(() => {});
    const { url } = closed;
    await closed.close();
    const client = createExportClient({ baseUrl: url, maxRetries: 0 });

    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toBeInstanceOf(ExportApiError);
    expect(error.status).toBeUndefined();
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.cause).toBeDefined();
  });

  it("a connection dropped before any response is a ConnectionError", async ({ serve }) => {
    const error = await failure(serve, (request, response) => {
      void request;
      response.socket?.destroy();
    });

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.status).toBeUndefined();
  });
});

describe("the error as data", () => {
  it("toJSON, toString and instanceof work as for any Error", async ({ serve }) => {
    const error = await failure(serve, (_request, response) =>
      sendJson(response, 429, apiError("TooManyRequests", "Slow down."), {
        "retry-after": "3600",
        "x-correlation-id": "c",
      }),
    );

    expect(String(error)).toBe("RateLimitError: 429 Too Many Requests: TooManyRequests: Slow down.");
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "RateLimitError",
      message: "429 Too Many Requests: TooManyRequests: Slow down.",
      status: 429,
      code: "TooManyRequests",
      apiMessage: "Slow down.",
      details: [],
      requestId: "c",
      retryAfterMs: 3_600_000,
    });
    // The API's own words, without the status and code that `message` adds: what a CLI or UI shows.
    expect(error.apiMessage).toBe("Slow down.");
  });

  it("apiMessage is undefined when the body carried no error description", async ({ serve }) => {
    const error = await failure(serve, (_request, response) =>
      sendText(response, 502, "<html>Bad gateway</html>", "text/html"),
    );

    expect(error).toBeInstanceOf(ServerError);
    expect(error.apiMessage).toBeUndefined();
    expect(error.message).toBe("502 Bad Gateway: the response carried no error description");
  });

  it("an error without a cause has no cause property at all", () => {
    expect("cause" in new ExportApiError("m")).toBe(false);
    expect(new ExportApiError("m", { cause: 0 }).cause).toBe(0);
  });
});
