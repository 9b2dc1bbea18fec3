// The loopback relay between the pact verifier and the server under test. The verifier only knows a host and a port
// and sends each recorded request as it is in the contract; the relay puts the server's base URL (and path prefix)
// in, the caller's token in place of the contract's placeholder (so the token is never on a command line or in a
// file), the caller's iModel in place of the recorded one, and answers the verifier's provider-state calls: a state
// it can set up is set up (a status played through an export-api-mock's /__mock/faults), one it cannot is refused.
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from "node:http";
import { request as forwardTls } from "node:https";
import type { AddressInfo } from "node:net";
import { PROVIDER_STATES } from "@export-api/usage";

/** The path the relay answers provider-state calls on; it cannot be an API path (the API lives under /export). */
export const STATE_PATH = "/__export-api-verify/state";

export interface RelayOptions {
  /** Base URL of the server under test (a path prefix is kept). */
  target: string;
  /** Replaces the credentials of each request's `Authorization` header (the contract has a placeholder). */
  token: string | undefined;
  /** Replaces the recorded iModel of an "export connections of an iModel" state. */
  imodelId: string | undefined;
  /** The target is an export-api-mock: a status state is played through its control path. */
  mockControl: boolean;
}

export interface ContractRelay {
  url: string;
  /** Provider states that could not be set up, by `stateKey(name, params)`: why. */
  readonly stateFailures: ReadonlyMap<string, string>;
  close(): Promise<void>;
}

/** A provider state as a key: its name and its parameters, whatever order they come in. */
export function stateKey(name: unknown, params: Record<string, unknown> | undefined): string {
  const sorted = Object.keys(params ?? {})
    .sort()
    .map((key) => [key, params?.[key]]);
  return JSON.stringify([name, sorted]);
}

export async function startContractRelay(options: RelayOptions): Promise<ContractRelay> {
  const base = new URL(options.target);
  const prefix = base.pathname.replace(/\/$/, "");
  // What the last state call asked of the next request: one request per interaction.
  let substitute: { from: string; to: string } | undefined;
  // A state that could not be set up: its request is answered 502 by the relay instead of going out. (The state call
  // itself is answered 200: the verifier retries a failed one for minutes.)
  let failed: string | undefined;
  const stateFailures = new Map<string, string>();

  const setUp = async (body: { state?: unknown; params?: Record<string, unknown>; action?: unknown }) => {
    if (body.action === "teardown") return;
    substitute = undefined;
    const params = body.params ?? {};
    switch (body.state) {
      // An interaction without a state: the verifier still calls, with no state name.
      case undefined:
      case null:
      case "":
        return;
      case PROVIDER_STATES.connections:
        if (options.imodelId !== undefined && typeof params.imodelId === "string") {
          substitute = { from: params.imodelId, to: options.imodelId };
        }
        return;
      case PROVIDER_STATES.unknownImodel:
        // A GUID nobody registered: the server answers 404 by itself.
        return;
      case PROVIDER_STATES.status: {
        if (!options.mockControl) throw new Error("only an export-api-mock can be told to answer with a status");
        const retryAfter = params.retryAfter;
        const fault = {
          status: params.status,
          times: 1,
          ...(typeof retryAfter === "string"
            ? { retryAfter: /^[0-9]+$/.test(retryAfter) ? Number(retryAfter) : retryAfter }
            : {}),
        };
        const response = await fetch(`${base.origin}${prefix}/__mock/faults`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(fault),
        });
        if (response.status !== 201)
          throw new Error(`the mock refused the fault: ${response.status} ${await response.text()}`);
        return;
      }
      default:
        throw new Error(`no such provider state: ${JSON.stringify(body.state)}`);
    }
  };

  const relay = (request: IncomingMessage, response: ServerResponse) => {
    if (failed !== undefined) {
      const message = failed;
      failed = undefined;
      request.resume();
      return response
        .writeHead(502, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { code: "ProviderStateFailed", message } }));
    }
    const url = new URL(request.url ?? "/", "http://relay");
    if (substitute !== undefined && url.searchParams.get("imodelId") === substitute.from) {
      url.searchParams.set("imodelId", substitute.to);
    }
    substitute = undefined;
    const headers = { ...request.headers, host: base.host };
    if (options.token !== undefined && headers.authorization !== undefined) {
      headers.authorization = `Bearer ${options.token}`;
    }
    const send = base.protocol === "https:" ? forwardTls : forward;
    const upstream = send({
      protocol: base.protocol,
      hostname: base.hostname,
      port: base.port,
      method: request.method,
      path: `${prefix}${url.pathname}${url.search}`,
      headers,
      agent: false,
    });
    upstream.on("response", (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.on("error", () => response.destroy());
      answer.pipe(response);
    });
    upstream.on("error", (error) => {
      if (response.headersSent) response.destroy();
      else response.writeHead(502, { "content-type": "text/plain" }).end(`the target did not answer: ${error.message}`);
    });
    request.pipe(upstream);
  };

  const server = createServer((request, response) => {
    if (request.url !== STATE_PATH) return relay(request, response);
    let text = "";
    request.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    request.on("end", () => {
      let body: Parameters<typeof setUp>[0];
      try {
        body = JSON.parse(text);
      } catch {
        return response.writeHead(400, { "content-type": "text/plain" }).end("not JSON");
      }
      failed = undefined;
      setUp(body)
        .catch((error: Error) => {
          failed = `the provider state could not be set up: ${error.message}`;
          stateFailures.set(stateKey(body.state, body.params), failed);
        })
        .finally(() => response.writeHead(200, { "content-type": "application/json" }).end("{}"));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stateFailures,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
