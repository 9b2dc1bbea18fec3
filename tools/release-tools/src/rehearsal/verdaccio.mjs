// A throwaway Verdaccio for the release rehearsal: installed with npm into the rehearsal's temp folder (not into
// the workspace: 300 packages no test needs), storage and users in that folder, listening on loopback only, and
// stopped by the pid it was started with.
//
// Verdaccio 6.10 wants Node 22; 6.8.0 runs on Node 20 once its node-fetch is held at 2.7.0 (an npm override).
import { spawn } from "node:child_process";
import { openSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { cleanEnv, run } from "./run.mjs";

export const VERDACCIO_VERSION = "6.8.0";

/** Installs Verdaccio into `dir` (from the npm registry the developer's npm uses). */
export async function installVerdaccio(dir) {
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({
      name: "rehearsal-registry",
      private: true,
      dependencies: { verdaccio: VERDACCIO_VERSION },
      overrides: { "node-fetch": "2.7.0" },
    }),
  );
  await run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], {
    cwd: dir,
    env: cleanEnv(),
  });
  return join(dir, "node_modules/verdaccio/bin/verdaccio");
}

/**
 * Starts Verdaccio on 127.0.0.1 with its storage in `dir`. Packages of the `@export-api` scope live only here
 * (never proxied, so nothing real can mix in); every other package is proxied from the npm registry, so a
 * consumer can install the client's dependencies. Resolves when it answers, with its url and `stop()`.
 */
export async function startVerdaccio(bin, dir) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(dir, "config.yaml");
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(dir, "storage"))}`,
      "auth:",
      "  htpasswd:",
      `    file: ${JSON.stringify(join(dir, "htpasswd"))}`,
      "uplinks:",
      "  npmjs:",
      "    url: https://registry.npmjs.org/",
      "packages:",
      "  '@export-api/*':",
      "    access: $all",
      "    publish: $authenticated",
      "  '**':",
      "    access: $all",
      "    publish: $authenticated",
      "    proxy: npmjs",
      "log: { type: stdout, format: pretty, level: warn }",
      "",
    ].join("\n"),
  );
  const log = openSync(join(dir, "verdaccio.log"), "a");
  const child = spawn(process.execPath, [bin, "--config", config, "--listen", `127.0.0.1:${port}`], {
    cwd: dir,
    stdio: ["ignore", log, log],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  try {
    await waitForPing(url, exited);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid, stop };
}

/** Creates a user and returns its token: the one credential of the temp .npmrc. */
export async function addUser(url, name) {
  const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, url), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password: `${name}-password`, email: `${name}@example.invalid` }),
  });
  const body = await response.json();
  if (!response.ok || typeof body.token !== "string") {
    throw new Error(`Verdaccio refused the user: ${response.status} ${JSON.stringify(body)}`);
  }
  return body.token;
}

async function waitForPing(url, exited) {
  let stopped = false;
  exited.then(() => {
    stopped = true;
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !stopped) {
    try {
      if ((await fetch(new URL("-/ping", url))).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(stopped ? "Verdaccio exited before it answered" : "Verdaccio did not answer within 60 s");
}

/** A port nothing listens on now, on loopback. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
