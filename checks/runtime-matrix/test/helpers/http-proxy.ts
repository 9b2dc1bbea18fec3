// A real forward HTTP proxy on loopback: the bin of the npm package `proxy` (TooTallNate's, Squid-like), run with
// every debug line it has (DEBUG=proxy*): request lines, CONNECT targets and each request header it forwards.
// What it prints is its log; a test reads it.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { startProcess } from "@export-api/test-utils";

const require = createRequire(import.meta.url);
// The package exports only its API (dist/proxy.js); its bin sits beside it.
const PROXY_BIN = join(dirname(require.resolve("proxy")), "bin/proxy.js");

export interface HttpProxy {
  /** e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Everything the proxy has printed so far: its log. */
  log(): string;
  close(): Promise<void>;
}

export async function startHttpProxy(): Promise<HttpProxy> {
  const proxy = startProcess(process.execPath, [PROXY_BIN, "--port", "0"], {
    env: { ...process.env, DEBUG: "proxy*", DEBUG_COLORS: "0" },
  });
  const [, port] = await proxy.waitForOutput(/listening on port (\d+)/);
  return {
    url: `http://127.0.0.1:${port}`,
    log: () => `${proxy.stdout()}${proxy.stderr()}`,
    close: async () => {
      proxy.child.kill();
      await proxy.exited;
    },
  };
}
