// What the generated types promise to every consumer. A spec change that breaks one of these fails here.
import { describe, expectTypeOf, it } from "vitest";
import type {
  ApiError,
  AuthenticationType,
  components,
  ErrorResponse,
  ExportConnection,
  ExportConnectionsResponse,
  GetExportConnectionsQuery,
  Links,
  operations,
  paths,
  VENDOR_MEDIA_TYPE,
} from "../src/index.js";

describe("schemas", () => {
  it("authenticationType is exactly 'User' | 'Service'", () => {
    expectTypeOf<AuthenticationType>().toEqualTypeOf<"User" | "Service">();
    expectTypeOf<ExportConnection["authenticationType"]>().toEqualTypeOf<"User" | "Service">();
  });

  it("an export connection has opaque string ids and its three links", () => {
    expectTypeOf<ExportConnection["id"]>().toEqualTypeOf<string>();
    expectTypeOf<ExportConnection["iModelId"]>().toEqualTypeOf<string>();
    expectTypeOf<ExportConnection["_links"]>().toEqualTypeOf<{
      iModel: { href: string };
      iTwin: { href: string };
      lastRun: { href: string };
    }>();
  });

  it("a page always has connections and self; prev and next are optional", () => {
    expectTypeOf<ExportConnectionsResponse["connections"]>().toEqualTypeOf<ExportConnection[]>();
    expectTypeOf<Links>().toEqualTypeOf<{ self: { href: string }; prev?: { href: string }; next?: { href: string } }>();
  });

  it("an error has a code and a message; target and details are optional", () => {
    expectTypeOf<ApiError>().toEqualTypeOf<{ code: string; message: string; target?: string; details?: ApiError[] }>();
    expectTypeOf<ErrorResponse>().toEqualTypeOf<{ error: ApiError }>();
  });

  it("no schema is named Error, which would shadow the global Error in generated code", () => {
    expectTypeOf<"Error" extends keyof components["schemas"] ? true : false>().toEqualTypeOf<false>();
    expectTypeOf<components["schemas"]["ApiError"]>().toEqualTypeOf<ApiError>();
  });
});

describe("operation", () => {
  it("requires imodelId; $top and $skip are optional numbers", () => {
    expectTypeOf<GetExportConnectionsQuery>().toEqualTypeOf<{ imodelId: string; $top?: number; $skip?: number }>();
    // @ts-expect-error imodelId is required
    const missing: GetExportConnectionsQuery = { $top: 1 };
    void missing;
  });

  it("answers 200 with a page in both media types", () => {
    type Ok = operations["get-export-connections"]["responses"][200]["content"];
    expectTypeOf<Ok["application/json"]>().toEqualTypeOf<ExportConnectionsResponse>();
    // typeof VENDOR_MEDIA_TYPE indexes Ok only while the generated constant keeps its literal type.
    expectTypeOf<Ok[typeof VENDOR_MEDIA_TYPE]>().toEqualTypeOf<ExportConnectionsResponse>();
  });

  it("documents 401, 403, 404, 422 and 429 with the error body, and Retry-After on 429", () => {
    type Responses = paths["/export/connections"]["get"]["responses"];
    expectTypeOf<keyof Responses>().toEqualTypeOf<200 | 401 | 403 | 404 | 422 | 429>();
    expectTypeOf<Responses[422]["content"]["application/json"]>().toEqualTypeOf<ErrorResponse>();
    expectTypeOf<Responses[429]["headers"]["Retry-After"]>().toEqualTypeOf<number>();
  });
});
