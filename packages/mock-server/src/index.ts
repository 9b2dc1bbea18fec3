// The public surface of @export-api/mock-server (node:http). The MSW transport is `@export-api/mock-server/msw`.
export type * from "./core/public-types.js";
export { type MockServer, type MockServerOptions, startMockServer } from "./server.js";
