// The matrix's surroundings: the mock server as its own process (driven over its /__mock/ control path), a decoy
// listener its links point at, and the checks every scenario makes after a call has settled.
import { inspect } from "node:util";
import {
  builtBin,
  CLIENT_TIMERS,
  eventually,
  type RunningProcess,
  startProcess,
  startServer,
  type TestServer,
  watchTimers,
  watchUnhandledRejections,
} from "@export-api/test-utils";

export const MOCK_BIN = builtBin("@export-api/mock-server", import.meta.url);
export const CLI_BIN = builtBin("@export-api/cli", import.meta.url);

/** A token long enough to be redacted, that the echo fault sends back. */
export const TOKEN = "fault-matrix-token.c2VjcmV0-7f3a";

export interface MockProcess {
  url: string;
  /** The listener every `_links` href points at: a client that followed a link would reach it. */
  decoy: TestServer;
  /** Clears the faults and the request log, then queues `faults` in order. */
  play(faults: Record<string, unknown>[]): Promise<void>;
  /** The mock's request log. */
  requests(): Promise<{ path: string; headers: Record<string, string> }[]>;
  close(): Promise<void>;
}

/** Starts `export-api-mock` with 25 connections per iModel and its links on a decoy origin. */
export async function startMockProcess(): Promise<MockProcess> {
  const decoy = await startServer((_request, response) => {
    response.writeHead(500).end();
  });
  const child: RunningProcess = startProcess(process.execPath, [MOCK_BIN, "--link-base-url", decoy.url]);
  const [, url] = await child.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
  const control = (path: string, init: RequestInit = {}) =>
    fetch(`${url}/__mock/${path}`, init).then(async (response) => {
      if (!response.ok)
        throw new Error(`${init.method ?? "GET"} /__mock/${path}: ${response.status} ${await response.text()}`);
      return response;
    });
  return {
    url: url!,
    decoy,
    async play(faults) {
      await control("faults", { method: "DELETE" });
      await control("requests", { method: "DELETE" });
      for (const fault of faults) {
        await control("faults", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(fault),
        });
      }
    },
    async requests() {
      const log = (await (await control("requests")).json()) as {
        requests: { path: string; headers: Record<string, string> }[];
      };
      return log.requests.filter((request) => request.path === "/export/connections");
    },
    async close() {
      child.child.kill("SIGTERM");
      await child.exited;
      await decoy.close();
    },
  };
}

/** Every way an error is commonly turned into text, its cause chain included. */
export function renderings(error: unknown): string[] {
  const e = error as Error;
  const texts = [e.message, String(e), e.stack ?? "", JSON.stringify(e), inspect(e, { depth: 10 })];
  for (let cause = e.cause as Error | undefined, depth = 0; cause && depth < 5; cause = cause.cause as Error, depth++) {
    texts.push(String(cause), cause.stack ?? "", inspect(cause, { depth: 5 }));
  }
  return texts;
}

/**
 * Watches one call: unhandled rejections, the client's timers and this process's sockets in use. `settled()`
 * then checks that nothing is left once the call is over.
 */
export function watchCall() {
  const rejections = watchUnhandledRejections();
  const timers = watchTimers(CLIENT_TIMERS);
  const sockets = () => process.getActiveResourcesInfo().filter((name) => name === "TCPSocketWrap").length;
  const socketsBefore = sockets();
  return {
    async settled() {
      await rejections.check();
      timers.check();
      // A socket still in use (a request nobody aborted) keeps the count up; idle keep-alive sockets do not count.
      await eventually(() => sockets() <= socketsBefore, "the client's sockets to be released", 5_000);
    },
  };
}
