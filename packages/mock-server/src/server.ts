// startMockServer: the core behind node's http server, on a loopback port by default. This file only carries the
// core's plans out over sockets: a plain answer, or a fault's transport action (delay, stall, slow or cut body,
// reset). Requests node's parser rejects (a NUL in the target, a header section over 16 KiB) get the API's error
// shape too, written straight to the socket.
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { validateInteger } from "@export-api/client/internal";
import { createMockCore, type MockControls, type MockCore } from "./core/mock-core.js";
import { type MockOptions, validateMockOptions } from "./core/options.js";
import { MAX_BODY_BYTES, type ResponsePlan } from "./core/plan.js";

export interface MockServerOptions extends MockOptions {
  /** TCP port; default 0, a free port chosen by the OS. */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
}

export interface MockServer extends MockControls {
  /** The server's base URL, e.g. `http://127.0.0.1:43123`. */
  readonly url: string;
  /** Stops listening, drops open connections (stalled requests included) and pending timers. Safe to call twice. */
  close(): Promise<void>;
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const port = validateInteger(options.port, "port", 0, 65_535, 0);
  const host = options.host ?? "127.0.0.1";
  const checked = validateMockOptions(options);

  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  let core: MockCore | undefined;
  const server = createServer((request, response) => {
    if (core) serve(core, request, response, later);
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (core) answerClientError(core, error, socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${displayHost(address)}:${address.port}`;
  core = createMockCore(checked, { linkBase: url, basePath: "", host });
  const controls = core.controls;

  let closing: Promise<void> | undefined;
  return {
    url,
    imodelIds: controls.imodelIds,
    fleet: controls.fleet,
    fail: (fault) => controls.fail(fault),
    clearFaults: () => controls.clearFaults(),
    get faults() {
      return controls.faults;
    },
    get requests() {
      return controls.requests;
    },
    clearRequests: () => controls.clearRequests(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

type Later = (fn: () => void, ms: number) => void;

function serve(core: MockCore, request: IncomingMessage, response: ServerResponse, later: Later): void {
  const method = request.method ?? "GET";
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") {
    deliver(plan(core, method, request, undefined), request, response, later);
    return;
  }
  // Only control requests use a body (POST /__mock/faults). It is kept until it is over the core's limit (the core
  // then answers 413), and the rest is read and dropped, so the answer can go out on a connection left in order.
  const chunks: Buffer[] = [];
  let size = 0;
  request.on("data", (chunk: Buffer) => {
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    size += chunk.length;
  });
  request.on("end", () => deliver(plan(core, method, request, Buffer.concat(chunks)), request, response, later));
}

function plan(core: MockCore, method: string, request: IncomingMessage, body: Uint8Array | undefined): ResponsePlan {
  try {
    return core.handle({ method, target: request.url ?? "/", headers: request.headers, body });
  } catch {
    return core.malformed(500, "InternalServerError", "The mock server failed.");
  }
}

/** Sends a plan as its transport action says. */
function deliver(plan: ResponsePlan, request: IncomingMessage, response: ServerResponse, later: Later): void {
  const { action } = plan;
  const socket = request.socket;
  if (action === undefined) {
    send(response, plan);
  } else if (action.kind === "delay") {
    later(() => send(response, plan), action.ms);
  } else if (action.kind === "stall") {
    // Nothing is sent; close() drops the connection, or the client gives up.
  } else if (action.kind === "reset-before-headers") {
    socket.resetAndDestroy();
  } else if (action.kind === "reset-after-headers") {
    writeHead(response, plan);
    response.flushHeaders();
    // Once the headers are on the wire, a TCP reset: the client has a status and a body that never comes.
    socket.write("", () => socket.resetAndDestroy());
  } else if (action.kind === "truncated-body") {
    writeHead(response, plan);
    response.write(plan.body.subarray(0, Math.floor(plan.body.length / 2)), () => socket.end());
  } else {
    sendSlowly(response, plan, action.chunks, action.chunkDelayMs, later);
  }
}

function writeHead(response: ServerResponse, plan: ResponsePlan): void {
  response.writeHead(plan.status, { ...plan.headers, "Content-Length": String(plan.body.length) });
}

function send(response: ServerResponse, plan: ResponsePlan): void {
  if (response.destroyed) return;
  writeHead(response, plan);
  response.end(plan.body);
}

function sendSlowly(response: ServerResponse, plan: ResponsePlan, chunks: number, delayMs: number, later: Later) {
  writeHead(response, plan);
  response.flushHeaders();
  const size = Math.ceil(plan.body.length / chunks);
  const sendPart = (part: number) => {
    if (response.destroyed) return;
    const bytes = plan.body.subarray(part * size, (part + 1) * size);
    if (part === chunks - 1) response.end(bytes);
    else {
      response.write(bytes);
      later(() => sendPart(part + 1), delayMs);
    }
  };
  later(() => sendPart(0), delayMs);
}

/** A request node's parser refused: the API's error shape, written to the socket, which then closes. */
function answerClientError(core: MockCore, error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const plan =
    error.code === "HPE_HEADER_OVERFLOW"
      ? core.malformed(431, "RequestHeaderFieldsTooLarge", "The request's header section is over 16 KiB.")
      : core.malformed(
          400,
          "InvalidRequest",
          `The request is not valid HTTP/1.1: ${error.message.replace(/^Parse Error: /, "")}.`,
        );
  const head = [
    `HTTP/1.1 ${plan.status} ${STATUS_CODES[plan.status]}`,
    ...Object.entries(plan.headers).map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${plan.body.length}`,
    "Connection: close",
  ].join("\r\n");
  socket.end(Buffer.concat([Buffer.from(`${head}\r\n\r\n`), plan.body]));
}

/** The address to reach the server at; a wildcard (`0.0.0.0`, `::`) is reached on loopback. */
function displayHost({ address, family }: AddressInfo): string {
  if (family === "IPv6") return `[${address === "::" ? "::1" : address}]`;
  return address === "0.0.0.0" ? "127.0.0.1" : address;
}
