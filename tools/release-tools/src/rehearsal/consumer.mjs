// A consumer project outside the workspace, as another team has it: npm installs the client and the mock server
// from the rehearsal's registry by caret ranges, and a script lists connections from the mock with the client.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "./run.mjs";

/**
 * What the consumer prints: the versions it runs, the `$top` bound its client has, how many connections it
 * listed page by page, and what became of one request for 600 connections per page (1000 allowed it before
 * the rehearsal's breaking change, which lowers the bound).
 */
const SCRIPT = `import { readFileSync } from "node:fs";
import { createExportClient, TOP_MAX, VERSION } from "@export-api/client";
import { startMockServer } from "@export-api/mock-server";

const mockVersion = JSON.parse(readFileSync("node_modules/@export-api/mock-server/package.json", "utf8")).version;
const mock = await startMockServer({ seed: 7, connectionsPerImodel: 25 });
try {
  const client = createExportClient({ baseUrl: mock.url, accessToken: "rehearsal-token" });
  const imodelId = mock.imodelIds[0];
  let connections = 0;
  for await (const _ of client.iterateExportConnections({ imodelId, pageSize: 10 })) connections++;
  let top600;
  try {
    const page = await client.getExportConnections({ imodelId, top: 600 });
    top600 = \`accepted (\${page.connections.length} connections)\`;
  } catch (error) {
    top600 = \`refused: \${error.name}: \${error.message}\`;
  }
  console.log(JSON.stringify({ client: VERSION, mockServer: mockVersion, TOP_MAX, connections, top600 }));
} finally {
  await mock.close();
}
`;

/** Creates the project in `dir` and installs `ranges` (`{ name: range }`) from the registry `env` points at. */
export async function createConsumer(dir, ranges, env) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  writeFileSync(join(dir, "list.mjs"), SCRIPT);
  const specs = Object.entries(ranges).map(([name, range]) => `${name}@${range}`);
  await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...specs], { cwd: dir, env });
  return consumer(dir, env);
}

function consumer(dir, env) {
  return {
    dir,
    /** `npm update`: the newest versions the caret ranges of package.json allow. */
    update: () => run("npm", ["update", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, env }),
    /** The ranges package.json asks for and the versions installed, by package. */
    installed() {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      return Object.entries(manifest.dependencies).map(([name, range]) => {
        const { version } = JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8"));
        return { name, range, version };
      });
    },
    /** Runs the listing script; resolves with what it printed. */
    list: async () => JSON.parse(await run(process.execPath, ["list.mjs"], { cwd: dir, env })),
  };
}
