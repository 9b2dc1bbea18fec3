// The main job: start a Prism mock of spec/openapi.yaml on a free loopback port, list export connections
// from it with @export-api/client, print them as a table, and stop the mock.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { createExportClient } from "@export-api/client";

const require = createRequire(new URL("../packages/contract-tests/package.json", import.meta.url));
const prismBin = require.resolve("@stoplight/prism-cli/dist/index.js");
const spec = require.resolve("@export-api/spec/openapi.yaml");

const port = await new Promise((resolve) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});
const prism = spawn(process.execPath, [prismBin, "mock", spec, "--host", "127.0.0.1", "--port", String(port)], {
  stdio: "ignore",
});
const baseUrl = `http://127.0.0.1:${port}`;
try {
  for (let tries = 0; ; tries++) {
    try {
      await fetch(baseUrl);
      break;
    } catch (error) {
      if (tries > 300) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const client = createExportClient({ baseUrl, accessToken: "demo-token" });
  const imodelId = "a0471655-6b18-419e-ab01-ebf4fbff9dff";
  const page = await client.getExportConnections({ imodelId, top: 50 });
  console.log(`Export connections of iModel ${imodelId} (Prism mock of spec/openapi.yaml at ${baseUrl}):\n`);
  console.table(
    page.connections.map(({ id, displayName, authenticationType, iTwinId }) => ({
      id,
      displayName,
      authenticationType,
      iTwinId,
    })),
  );
  console.log(`next page: ${page._links.next?.href ?? "none"}`);
} finally {
  prism.kill("SIGTERM");
}
