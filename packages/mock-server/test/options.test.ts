// The options startMockServer() and createHandlers() share: a bad one throws a TypeError or RangeError naming it,
// before anything listens; a value at a bound is taken.
import { IMODEL_ID } from "@export-api/test-utils";
import { describe, expect, it as plainIt } from "vitest";
import { createHandlers } from "../src/msw.js";
import { it } from "./fixtures/mock.js";

const OTHER_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const THIRD_ID = "6fa459ea-ee8a-4ca4-894e-db77e160355e";

describe("options the mock refuses, with a message naming the option", () => {
  it.for([
    [{ imodelIds: [IMODEL_ID, OTHER_ID], imodels: 1 }, RangeError, "imodelIds has 2 ids but imodels is 1"],
    [{ imodelIds: IMODEL_ID }, TypeError, "imodelIds must be an array of GUIDs, got string"],
    [{ seed: 2 ** 32 }, RangeError, "seed must be an integer"],
    [{ rateLimit: 5 }, TypeError, "rateLimit must be { limit, windowMs }, got 5"],
    [{ rateLimit: "fast" }, TypeError, "rateLimit must be { limit, windowMs }, got fast"],
    [{ rateLimit: { windowMs: 1_000 } }, TypeError, "rateLimit.limit is required: the requests a window allows"],
    [
      { controlOrigins: [new URL("http://localhost:5173")] },
      TypeError,
      "controlOrigins[0] must be an origin such as http://localhost:5173",
    ],
  ] as const)("%j throws %o: %s", async ([options, type, message], { startMock }) => {
    await expect(startMock(options as never)).rejects.toThrow(type);
    await expect(startMock(options as never)).rejects.toThrow(message);
    expect(() => createHandlers(options as never)).toThrow(message);
  });
});

describe("options at their bounds", () => {
  plainIt("as many imodelIds as imodels, and the largest seed", () => {
    const handlers = createHandlers({ imodelIds: [IMODEL_ID, OTHER_ID, THIRD_ID], imodels: 3, seed: 2 ** 32 - 1 });
    expect(handlers.imodelIds).toEqual([IMODEL_ID, OTHER_ID, THIRD_ID]);
    expect(createHandlers({ imodelIds: [IMODEL_ID], imodels: 1 }).imodelIds).toEqual([IMODEL_ID]);
  });
});
