// What the public surface promises to TypeScript users.
import { IMODEL_ID } from "@export-api/test-utils";
import { describe, expectTypeOf, it } from "vitest";
import type * as api from "../src/index.js";
import {
  type AccessToken,
  type ApiPromise,
  AuthenticationError,
  ConnectionError,
  type CustomFetch,
  createExportClient,
  ExportApiError,
  type ExportClient,
  type ExportClientOptions,
  type ExportConnection,
  type ExportConnectionsIterable,
  type ExportConnectionsResponse,
  type GetExportConnectionsParams,
  type Hooks,
  type IterateExportConnectionsParams,
  type Logger,
  NotFoundError,
  type PageIterator,
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  type RequestOptions,
  ServerError,
  TimeoutError,
  UnprocessableEntityError,
  type WithResponse,
} from "../src/index.js";
import * as internal from "../src/internal.js";

const client = createExportClient({ accessToken: "t" });
const imodelId = IMODEL_ID;

describe("createExportClient", () => {
  it("takes optional options and returns an ExportClient", () => {
    expectTypeOf(createExportClient).parameter(0).toEqualTypeOf<ExportClientOptions | undefined>();
    expectTypeOf(createExportClient()).toEqualTypeOf<ExportClient>();
    expectTypeOf(client.baseUrl).toEqualTypeOf<string>();
  });

  it("types every option", () => {
    // Every optional member says `| undefined`: with exactOptionalPropertyTypes a caller may still pass undefined,
    // as the runtime allows (the packed client is compiled with that flag in checks/consumer-tests).
    expectTypeOf<ExportClientOptions>().toEqualTypeOf<{
      accessToken?: AccessToken | undefined;
      baseUrl?: string | undefined;
      fetch?: CustomFetch | undefined;
      maxRetries?: number | undefined;
      timeoutMs?: number | undefined;
      maxRetryAfterMs?: number | undefined;
      retryBaseDelayMs?: number | undefined;
      logger?: Logger | undefined;
      hooks?: Hooks | undefined;
    }>();
    expectTypeOf(createExportClient).toBeCallableWith({
      baseUrl: undefined,
      accessToken: undefined,
      logger: undefined,
    });
    expectTypeOf<AccessToken>().toEqualTypeOf<string | (() => string | Promise<string>)>();
    expectTypeOf(createExportClient).toBeCallableWith({ accessToken: async () => "t", fetch: globalThis.fetch });
    expectTypeOf<CustomFetch>().toEqualTypeOf<(request: Request, init: { signal: AbortSignal }) => Promise<Response>>();
    // A fetch that takes only the Request still fits (it then cannot cancel a timed-out request).
    expectTypeOf(createExportClient).toBeCallableWith({ fetch: async (request: Request) => fetch(request) });
    expectTypeOf(createExportClient).toBeCallableWith({ logger: console });
    // @ts-expect-error a token function must return a string
    createExportClient({ accessToken: () => 42 });
    // @ts-expect-error timeoutMs is a number of milliseconds
    createExportClient({ timeoutMs: "60s" });
  });
});

describe("getExportConnections", () => {
  it("returns one typed page", () => {
    // An ApiPromise: a Promise of the page, whose awaited type is the page as it always was.
    expectTypeOf(client.getExportConnections({ imodelId })).toEqualTypeOf<ApiPromise<ExportConnectionsResponse>>();
    expectTypeOf(client.getExportConnections({ imodelId })).toExtend<Promise<ExportConnectionsResponse>>();
    expectTypeOf<
      Awaited<ReturnType<ExportClient["getExportConnections"]>>
    >().toEqualTypeOf<ExportConnectionsResponse>();
    expectTypeOf<ExportConnectionsResponse["connections"]>().toEqualTypeOf<ExportConnection[]>();
    expectTypeOf<ExportConnection["authenticationType"]>().toEqualTypeOf<"User" | "Service">();
    expectTypeOf<GetExportConnectionsParams>().toEqualTypeOf<{
      imodelId: string;
      top?: number | undefined;
      skip?: number | undefined;
    }>();
    expectTypeOf<RequestOptions>().toEqualTypeOf<{ signal?: AbortSignal | undefined }>();
    expectTypeOf(client.getExportConnections).toBeCallableWith(
      { imodelId, top: undefined, skip: undefined },
      { signal: undefined },
    );
    expectTypeOf(client.getExportConnections).toBeCallableWith(
      { imodelId, top: 50, skip: 100 },
      { signal: AbortSignal.timeout(1) },
    );
  });

  it("requires imodelId", () => {
    // @ts-expect-error imodelId is required
    client.getExportConnections({ top: 10 });
    // @ts-expect-error the wire names ($top) are not the parameter names
    client.getExportConnections({ imodelId, $top: 10 });
  });
});

describe("withResponse", () => {
  it("gives the data, the Response and the request id", () => {
    expectTypeOf(client.getExportConnections({ imodelId }).withResponse()).toEqualTypeOf<
      Promise<WithResponse<ExportConnectionsResponse>>
    >();
    expectTypeOf<WithResponse<ExportConnectionsResponse>>().toEqualTypeOf<{
      data: ExportConnectionsResponse;
      response: Response;
      requestId: string | undefined;
    }>();
  });

  it("pages().withResponse() iterates the same shape, page by page", async () => {
    const pages = client.iterateExportConnections({ imodelId }).pages();
    expectTypeOf(pages).toEqualTypeOf<PageIterator>();
    expectTypeOf(pages.withResponse()).toExtend<AsyncIterable<WithResponse<ExportConnectionsResponse>>>();
    for await (const { data, response, requestId } of pages.withResponse()) {
      expectTypeOf(data).toEqualTypeOf<ExportConnectionsResponse>();
      expectTypeOf(response).toEqualTypeOf<Response>();
      expectTypeOf(requestId).toEqualTypeOf<string | undefined>();
    }
  });
});

describe("toArray", () => {
  it("collects connections, with an optional limit", () => {
    const iterable = client.iterateExportConnections({ imodelId });
    expectTypeOf(iterable.toArray()).toEqualTypeOf<Promise<ExportConnection[]>>();
    expectTypeOf(iterable.toArray({ limit: 10 })).toEqualTypeOf<Promise<ExportConnection[]>>();
    // @ts-expect-error the limit is a number
    iterable.toArray({ limit: "10" });
  });
});

describe("iterateExportConnections", () => {
  it("yields connections, and .pages() yields pages", async () => {
    const iterable = client.iterateExportConnections({ imodelId, pageSize: 100 }, { signal: AbortSignal.abort() });
    expectTypeOf(iterable).toEqualTypeOf<ExportConnectionsIterable>();
    expectTypeOf(iterable).toExtend<AsyncIterable<ExportConnection>>();
    expectTypeOf(iterable.pages()).toExtend<AsyncIterable<ExportConnectionsResponse>>();
    expectTypeOf<IterateExportConnectionsParams>().toEqualTypeOf<{ imodelId: string; pageSize?: number | undefined }>();
    expectTypeOf(client.iterateExportConnections).toBeCallableWith(
      { imodelId, pageSize: undefined },
      { signal: undefined },
    );
    for await (const connection of iterable) expectTypeOf(connection).toEqualTypeOf<ExportConnection>();
    for await (const page of iterable.pages()) expectTypeOf(page).toEqualTypeOf<ExportConnectionsResponse>();
  });

  it("requires imodelId", () => {
    // @ts-expect-error imodelId is required
    client.iterateExportConnections({ pageSize: 10 });
  });
});

describe("errors", () => {
  it("are all ExportApiErrors carrying the response's facts", () => {
    for (const ErrorClass of [
      AuthenticationError,
      PermissionDeniedError,
      NotFoundError,
      UnprocessableEntityError,
      RateLimitError,
      ServerError,
      ConnectionError,
      TimeoutError,
      PaginationError,
    ]) {
      expectTypeOf(new ErrorClass("m")).toExtend<ExportApiError>();
    }
    expectTypeOf(new TimeoutError("m")).toExtend<ConnectionError>();
    const error = new ExportApiError("m");
    expectTypeOf(error).toExtend<Error>();
    expectTypeOf(error.status).toEqualTypeOf<number | undefined>();
    expectTypeOf(error.code).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.target).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.requestId).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.headers).toEqualTypeOf<Record<string, string>>();
    expectTypeOf(error.details).items.toHaveProperty("code").toEqualTypeOf<string>();
    expectTypeOf(new RateLimitError("m").retryAfterMs).toEqualTypeOf<number | undefined>();
    expectTypeOf(error.apiMessage).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>();
  });
});

describe("a newer API (README: A newer API)", () => {
  it("the types keep the spec's two values; a switch on the value as a string handles any other", () => {
    expectTypeOf<ExportConnection["authenticationType"]>().toEqualTypeOf<"User" | "Service">();
    const describeType = (connection: ExportConnection): string => {
      switch (connection.authenticationType as string) {
        case "User":
          return "user";
        case "Service":
          return "service";
        default:
          return `unknown: ${connection.authenticationType}`;
      }
    };
    expectTypeOf(describeType).returns.toEqualTypeOf<string>();
    // Without the cast the compiler rules out a third value: a `default` branch sees `never`.
    const uncast = (connection: ExportConnection): void => {
      switch (connection.authenticationType) {
        case "User":
        case "Service":
          return;
        default:
          expectTypeOf(connection.authenticationType).toBeNever();
      }
    };
    expectTypeOf(uncast).toBeFunction();
    // @ts-expect-error a value a newer API may send is not one of the spec's
    const federated: ExportConnection["authenticationType"] = "Federated";
    expectTypeOf(federated).toBeString();
  });
});

describe("the main entry is only the users' API", () => {
  it("exports no workspace helper: those are behind @export-api/client/internal", () => {
    expectTypeOf<typeof api>().not.toHaveProperty("redactToken");
    expectTypeOf<typeof api>().not.toHaveProperty("REDACTED");
    expectTypeOf<typeof api>().not.toHaveProperty("MIN_REDACTED_LENGTH");
    expectTypeOf<typeof api>().not.toHaveProperty("validateBaseUrl");
    expectTypeOf<typeof api>().not.toHaveProperty("printable");
    expectTypeOf<typeof api>().not.toHaveProperty("parseRetryAfter");
    expectTypeOf<typeof api>().not.toHaveProperty("validateInteger");
  });
});

describe("the shared rules other packages use (./internal)", () => {
  it("redactToken and validateBaseUrl take and return strings", () => {
    expectTypeOf(internal.redactToken).toEqualTypeOf<(text: string, token: string | undefined) => string>();
    expectTypeOf(internal.validateBaseUrl).toEqualTypeOf<(value: unknown, name?: string) => string>();
    expectTypeOf<typeof internal.REDACTED>().toEqualTypeOf<"[redacted]">();
    expectTypeOf(internal.printable).toEqualTypeOf<(text: string) => string>();
    expectTypeOf(internal.parseRetryAfter).toEqualTypeOf<
      (value: string | null | undefined, now?: number) => number | undefined
    >();
    expectTypeOf(internal.readInteger).toEqualTypeOf<(text: string | undefined, name: string) => number | undefined>();
  });
});
