// The core's input and output, plain data both ways: a request as a transport received it, and the response the
// core wants sent, with the transport action a fault needs (a delay, a stall, a reset, a slow or cut body).

/** A request as a transport received it. */
export interface MockRequest {
  method: string;
  /** The request-target: origin-form (`/export/connections?...`, node:http) or an absolute URL (MSW). */
  target: string;
  /** Header values by lower-case name, as node:http gives them. */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /**
   * The body's bytes, for a method that has one (a control request's fault). A transport may stop keeping them once
   * they are over MAX_BODY_BYTES: the core answers 413 to any body over that.
   */
  body?: Uint8Array | undefined;
}

/** The largest body the core reads (a fault as JSON needs a few hundred bytes); a larger one gets 413. */
export const MAX_BODY_BYTES = 64 * 1024;

/** How a transport must deliver a plan when a fault asks for more than "send it". */
export type TransportAction =
  /** Wait `ms`, then send the response. */
  | { kind: "delay"; ms: number }
  /** Send nothing, ever: the request is answered only by the transport closing (or the caller giving up). */
  | { kind: "stall" }
  /** Send the headers, then the body in `chunks` parts, `chunkDelayMs` apart. */
  | { kind: "slow-body"; chunks: number; chunkDelayMs: number }
  /** Reset the connection before any byte of the response. */
  | { kind: "reset-before-headers" }
  /** Send the headers (with the whole body's Content-Length), then reset the connection. */
  | { kind: "reset-after-headers" }
  /** Send the headers (with the whole body's Content-Length) and half the body, then close the connection. */
  | { kind: "truncated-body" };

/** A response as the core wants it sent. Transports add Content-Length. */
export interface ResponsePlan {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  action?: TransportAction | undefined;
}

/** A header's value as one string (node:http gives repeated headers as arrays). */
export function headerValue(request: MockRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" || value === undefined ? value : value.join(", ");
}
