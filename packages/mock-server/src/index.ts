// The public surface of @export-api/mock-server.
export { type MockServer, type MockServerOptions, type RateLimit, startMockServer } from "./server.js";
