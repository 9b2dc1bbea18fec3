// Real HTTP servers on loopback for tests: each test gives a handler and reads what was received.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  method: string;
  url: URL;
  headers: IncomingMessage["headers"];
}

export type Handler = (request: ReceivedRequest, response: ServerResponse) => void | Promise<void>;

export interface TestServer {
  /** e.g. `http://127.0.0.1:40123`, or `http://localhost:40123` when started with `urlHost: "localhost"`. */
  url: string;
  /** Every request received, in order. */
  requests: ReceivedRequest[];
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1 and a free port. `urlHost` names it in `url`: `localhost` gives the same server
 * another origin, the way a second host would be.
 */
export async function startServer(handler: Handler, { urlHost = "127.0.0.1" } = {}): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer(async (req, res) => {
    const received = {
      method: req.method ?? "",
      url: new URL(req.url ?? "/", `http://${req.headers.host}`),
      headers: req.headers,
    };
    requests.push(received);
    try {
      await handler(received, res);
    } catch (error) {
      res.destroy(error as Error);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${urlHost}:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

/** Sends `body` as is, with a Content-Length, so a truncated JSON is read whole and then fails to parse. */
export function sendText(
  response: ServerResponse,
  status: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body), ...headers });
  response.end(body);
}

/** Handlers answering each request in turn from a list; the last one answers every request after that. */
export function sequence(...handlers: Handler[]): Handler {
  let next = 0;
  return (request, response) => {
    const handler = handlers[Math.min(next++, handlers.length - 1)]!;
    return handler(request, response);
  };
}
