// Prism's convention: `Prefer: code=NNN` asks for that status, with the spec's error body, for that request only.
import { IMODEL_ID, spec, validateError } from "@export-api/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../src/index.js";
import { listConnections, TOKEN } from "./fixtures/http.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());

const withPrefer = (prefer: string) =>
  listConnections(mock, { imodelId: IMODEL_ID }, { Authorization: `Bearer ${TOKEN}`, Prefer: prefer });

describe("Prefer: code=", () => {
  it.each([
    [401, "HeaderNotFound"],
    [403, "InsufficientPermissions"],
    [404, "ConnectionNotFound"],
    [422, "InvalidConnectionsRequest"],
    [429, "TooManyRequests"],
  ])("code=%i answers with the spec's example", async (status, example) => {
    const response = await withPrefer(`code=${status}`);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual(spec.components.examples[example].value);
  });

  it("code=429 sends Retry-After: 0, so a client's retry does not wait", async () => {
    expect((await withPrefer("code=429")).headers.get("retry-after")).toBe("0");
  });

  it.each([500, 502, 503, 504])("code=%i answers with the error shape", async (status) => {
    const response = await withPrefer(`code=${status}`);
    expect(response.status).toBe(status);
    expect(validateError(await response.json()).valid).toBe(true);
  });

  it("applies to its own request only", async () => {
    expect((await withPrefer("code=503")).status).toBe(503);
    expect((await listConnections(mock, { imodelId: IMODEL_ID })).status).toBe(200);
  });

  it.each(["code=200", "return=minimal", "respond-async, wait=5"])("%j gets the normal answer", async (prefer) => {
    expect((await withPrefer(prefer)).status).toBe(200);
  });

  it.each(['respond-async, code="404"', "code=404; lenient", "CODE=404"])("finds the code in %j", async (prefer) => {
    expect((await withPrefer(prefer)).status).toBe(404);
  });

  it.each(["code=418", "code=abc", "code=", "code=2000"])(
    "%j, a status it cannot play, gets 400 naming the ones it can",
    async (prefer) => {
      const response = await withPrefer(prefer);
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.error.code).toBe("InvalidPreferHeader");
      expect(body.error.message).toContain("401, 403, 404, 422, 429, 500, 502, 503, 504");
    },
  );

  it("comes after a queued fault", async () => {
    mock.fail({ status: 500 });
    expect((await withPrefer("code=404")).status).toBe(500);
    expect((await withPrefer("code=404")).status).toBe(404);
  });
});

describe("Prefer: what is a code and what is not", () => {
  it.each(["code = 503", "code= 503 ", 'code="503"'])(
    "%j, spaces around the value or a whole quoted value, asks for 503",
    async (prefer) => {
      expect((await withPrefer(prefer)).status).toBe(503);
    },
  );

  it.each(["codex=404", "codes", "xcode=404"])(
    "%j, a preference with another name, gets the normal answer",
    async (prefer) => {
      expect((await withPrefer(prefer)).status).toBe(200);
    },
  );

  it.each(["code=404.0", "code=0404", "code=200.5", 'code=4"04"', 'code="40"4'])(
    "%j, not three digits or not one whole quoted value, gets 400 InvalidPreferHeader",
    async (prefer) => {
      const response = await withPrefer(prefer);
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe("InvalidPreferHeader");
    },
  );
});
