// The recording fetch: every request the client sends and what came back (status, the headers the client reads, the
// body as it streamed past), handed to a callback. The body is teed through a TransformStream on its way to the
// client, so the client reads it exactly as it would have (slowly, broken, or not at all): the recorder changes no
// behaviour, only watches. The token is never kept: only whether one was sent, and the token itself goes to the
// recorder's list of secrets to scrub from everything it writes.

export interface Exchange {
  method: string;
  /** The URL the request went to. */
  url: string;
  /** The `Accept` header sent, if any. */
  accept: string | undefined;
  /** Whether an `Authorization` header was sent, and its scheme (`Bearer`). Never the credentials. */
  authorization: { scheme: string } | undefined;
  /** `undefined` when no response came (a network error, a timeout, an abort). */
  status: number | undefined;
  /** The `Retry-After` header of the response, if any. */
  retryAfter: string | undefined;
  /** The body as text once the client has read all of it; `undefined` while it has not (or never could). */
  body: string | undefined;
}

export interface ExchangeListener {
  /** A request went out and its response (or failure) came back; the body may still be on its way. */
  exchange(exchange: Exchange): void;
  /** The Response the client receives for `exchange` (the client's `withResponse()` hands out the same one). */
  responded(response: Response, exchange: Exchange): void;
  /** The credentials of an `Authorization` header: a secret to keep out of everything written. */
  secret(secret: string): void;
}

/** A fetch with the client's custom-fetch signature, and the plain `fetch(input, init)` one. */
export type AnyFetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/**
 * A fetch that sends through `next()` (looked up on every call, so a fetch patched later, such as MSW's, is used)
 * and reports each exchange to `listener` when the response arrives (or fails); the exchange's `body` is filled in
 * once the client has read all of it.
 */
export function recordingFetch(next: () => AnyFetch, listener: ExchangeListener) {
  return async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const authorization = request.headers.get("authorization");
    const credentials = authorization?.replace(/^\S+\s+/, "");
    if (credentials) listener.secret(credentials);
    const exchange: Exchange = {
      method: request.method,
      url: request.url,
      accept: request.headers.get("accept") ?? undefined,
      authorization: authorization === null ? undefined : { scheme: /^(\S+)\s/.exec(authorization)?.[1] ?? "" },
      status: undefined,
      retryAfter: undefined,
      body: undefined,
    };
    let response: Response;
    try {
      response = await next()(input, init);
    } catch (error) {
      listener.exchange(exchange);
      throw error;
    }
    exchange.status = response.status;
    exchange.retryAfter = response.headers.get("retry-after") ?? undefined;
    listener.exchange(exchange);
    if (response.body === null) {
      exchange.body = "";
    } else {
      response = teed(response, (text) => {
        exchange.body = text;
      });
    }
    listener.responded(response, exchange);
    return response;
  };
}

/** The same response, its body passing through a stream that keeps a copy and hands it over once it has ended. */
function teed(response: Response, done: (text: string) => void): Response {
  const chunks: Uint8Array[] = [];
  const copy = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      chunks.push(chunk);
      controller.enqueue(chunk);
    },
    flush() {
      const decoder = new TextDecoder();
      done(chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join("") + decoder.decode());
    },
  });
  const passed = new Response((response.body as ReadableStream<Uint8Array>).pipeThrough(copy), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // A Response built here has no URL of its own; the code under test may read the one the server answered from.
  Object.defineProperty(passed, "url", { value: response.url });
  Object.defineProperty(passed, "redirected", { value: response.redirected });
  return passed;
}
