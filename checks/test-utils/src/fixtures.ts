// vitest fixtures: `test` with a `serve` fixture, so a test file needs no `let server` and no afterEach to close it.
import { test as base } from "vitest";
import { type Handler, startServer, type TestServer } from "./loopback.js";

export type Serve = (handler: Handler, options?: { urlHost?: string }) => Promise<TestServer>;

/** vitest's `test`, with `serve(handler)`: loopback servers closed when the test ends, whatever its outcome. */
export const test = base.extend<{ serve: Serve }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixture's dependencies from this pattern
  serve: async ({}, use) => {
    const servers: TestServer[] = [];
    await use(async (handler, options) => {
      const server = await startServer(handler, options);
      servers.push(server);
      return server;
    });
    await Promise.all(servers.map((server) => server.close()));
  },
});

export const it = test;
