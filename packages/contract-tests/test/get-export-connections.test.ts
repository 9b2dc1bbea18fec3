// GET /export/connections, by status: the client driven against a Prism mock of spec/openapi.yaml.
import {
  ACCEPT,
  AuthenticationError,
  createExportClient,
  type ExportConnectionsResponse,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "@export-api/client";
import { IMODEL_ID, spec, validatePage } from "@export-api/test-utils";
import type { paths } from "@export-api/types";
import createClient from "openapi-fetch";
import { beforeAll, describe, expect, expectTypeOf, inject, it } from "vitest";

const examples = spec.components.examples;

let baseUrl: string;
beforeAll(() => {
  baseUrl = inject("prismUrl");
});

/** A client against the mock; `prefer` asks Prism for a documented status via the `fetch` option. */
function client(
  options: { token?: string | null; prefer?: string; maxRetries?: number; maxRetryAfterMs?: number } = {},
) {
  const seen: Request[] = [];
  const exportClient = createExportClient({
    baseUrl,
    accessToken: options.token === null ? undefined : (options.token ?? "contract-test-token"),
    maxRetries: options.maxRetries ?? 0,
    maxRetryAfterMs: options.maxRetryAfterMs,
    fetch: (request) => {
      if (options.prefer) request.headers.set("Prefer", options.prefer);
      seen.push(request);
      return fetch(request);
    },
  });
  return { exportClient, seen };
}

describe("200 OK", () => {
  it("returns the spec's example page, typed", async () => {
    const { exportClient, seen } = client();
    const page = await exportClient.getExportConnections({ imodelId: IMODEL_ID, top: 50, skip: 0 });

    expect(page).toEqual(examples.ExportConnectionsPage.value);
    expect(validatePage(page)).toEqual({ valid: true, errors: "null" });
    expectTypeOf(page).toEqualTypeOf<ExportConnectionsResponse>();
    expectTypeOf(page.connections[0]!.authenticationType).toEqualTypeOf<"User" | "Service">();
    expect(seen).toHaveLength(1);
  });

  it("sends the bearer token and the recommended Accept header, and gets that media type back", async () => {
    const { exportClient, seen } = client();
    await exportClient.getExportConnections({ imodelId: IMODEL_ID });
    const request = seen[0]!;
    expect(request.headers.get("authorization")).toBe("Bearer contract-test-token");
    expect(request.headers.get("accept")).toBe(ACCEPT);
    expect(new URL(request.url).searchParams.get("imodelId")).toBe(IMODEL_ID);

    const raw = await fetch(request.url, { headers: { Authorization: "Bearer t", Accept: ACCEPT } });
    expect(raw.status).toBe(200);
    expect(raw.headers.get("content-type")).toBe(ACCEPT);
  });

  it("also answers a client that asks for application/json", async () => {
    const raw = await fetch(`${baseUrl}/export/connections?imodelId=${IMODEL_ID}`, {
      headers: { Authorization: "Bearer t", Accept: "application/json" },
    });
    expect(raw.status).toBe(200);
    expect(raw.headers.get("content-type")).toBe("application/json");
    expect(await raw.json()).toEqual(examples.ExportConnectionsPage.value);
  });
});

describe("401 Unauthorized", () => {
  it("without a token, throws AuthenticationError with HeaderNotFound", async () => {
    const { exportClient, seen } = client({ token: null });
    const error = await exportClient.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      status: 401,
      code: "HeaderNotFound",
      message: expect.stringContaining("Access denied"),
    });
    expect(seen[0]!.headers.has("authorization")).toBe(false);
  });
});

describe("403 Forbidden", () => {
  it("throws PermissionDeniedError with InsufficientPermissions", async () => {
    const { exportClient } = client({ prefer: "code=403" });
    const error = await exportClient.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: "InsufficientPermissions" });
  });
});

describe("404 Not Found", () => {
  it("throws NotFoundError with ConnectionNotFound", async () => {
    const { exportClient } = client({ prefer: "code=404" });
    const error = await exportClient.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      code: "ConnectionNotFound",
      message: expect.stringContaining("not available"),
    });
  });
});

describe("422 Unprocessable Entity", () => {
  it("an invalid $top (sent past the client's own check) gives 422 with details", async () => {
    // The client refuses top=0 before the network, so the raw openapi-fetch transport sends it.
    const raw = createClient<paths>({ baseUrl, headers: { Authorization: "Bearer t", Accept: ACCEPT } });
    const { error, response } = await raw.GET("/export/connections", {
      params: { query: { imodelId: IMODEL_ID, $top: 0 } },
    });
    expect(response.status).toBe(422);
    expect(response.headers.get("sl-violations")).toContain("$top");
    expect(error?.error.code).toBe("InvalidConnectionsRequest");
    expect(error?.error.details).toContainEqual(expect.objectContaining({ code: "InvalidValue", target: "$top" }));
  });

  it("an imodelId that is not a GUID throws UnprocessableEntityError with details", async () => {
    const { exportClient } = client();
    const error = await exportClient.getExportConnections({ imodelId: "not-a-guid" }).catch((e) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.code).toBe("InvalidConnectionsRequest");
    expect(error.details).toContainEqual(expect.objectContaining({ code: "InvalidValue", target: "imodelId" }));
  });

  it("the client refuses an out-of-range top before the network", async () => {
    const { exportClient, seen } = client();
    await expect(exportClient.getExportConnections({ imodelId: IMODEL_ID, top: 0 })).rejects.toThrow(/top/);
    expect(seen).toHaveLength(0);
  });
});

describe("429 Too Many Requests", () => {
  it("throws RateLimitError carrying Retry-After", async () => {
    const { exportClient } = client({ prefer: "code=429" });
    const error = await exportClient.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "TooManyRequests" });
    expect(error.headers["retry-after"]).toMatch(/^\d+$/);
    expect(error.retryAfterMs).toBe(Number(error.headers["retry-after"]) * 1000);
  });

  it("does not sleep through a Retry-After longer than maxRetryAfterMs", async () => {
    const { exportClient, seen } = client({ prefer: "code=429", maxRetries: 2, maxRetryAfterMs: 1_000 });
    await expect(exportClient.getExportConnections({ imodelId: IMODEL_ID })).rejects.toBeInstanceOf(RateLimitError);
    expect(seen).toHaveLength(1);
  });
});
