// Serves a page that loads the BUILT client as shipped (its dist/index.js, the built types package it imports
// values from, and openapi-fetch's ES module, wired by an import map, no bundler), on its own loopback origin:
// the API the page calls lives on another origin.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const clientDir = dirname(require.resolve("@export-api/client/package.json"));
const clientRequire = createRequire(join(clientDir, "package.json"));
const typesEntry = join(dirname(clientRequire.resolve("@export-api/types/package.json")), "dist/index.js");
const openapiFetchEntry = join(dirname(clientRequire.resolve("openapi-fetch")), "index.mjs");

/** What the page serves: path -> [content type, file]. */
const FILES: Record<string, [string, string]> = {
  "/client/index.js": ["text/javascript", join(clientDir, "dist/index.js")],
  "/types/index.js": ["text/javascript", typesEntry],
  "/openapi-fetch/index.mjs": ["text/javascript", openapiFetchEntry],
};

// The module script puts the client's exports on window.sdk, or the load error on window.sdkError.
const PAGE = `<!doctype html>
<html>
  <head>
    <meta charset="utf-8" />
    <title>@export-api/client in a browser</title>
    <script type="importmap">
      {
        "imports": {
          "@export-api/client": "/client/index.js",
          "@export-api/types": "/types/index.js",
          "openapi-fetch": "/openapi-fetch/index.mjs"
        }
      }
    </script>
    <script type="module">
      import("@export-api/client").then(
        (sdk) => { window.sdk = sdk; },
        (error) => { window.sdkError = String(error); },
      );
    </script>
  </head>
  <body></body>
</html>
`;

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

export async function startPageServer(host = "127.0.0.1"): Promise<PageServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://page").pathname;
    if (path === "/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
      return;
    }
    const file = FILES[path];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": `${file[0]}; charset=utf-8` }).end(readFileSync(file[1]));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("the page server has no address");
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
