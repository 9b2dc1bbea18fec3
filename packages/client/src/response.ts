// What a successful call saw besides its data: the Response (headers, status) and the request id support
// tickets quote. `getExportConnections()` returns an ApiPromise: awaited, it gives the page as always;
// `.withResponse()` gives `{ data, response, requestId }`.
import type { PageResult } from "./internal/page-result.js";

/** The data of a call with the response it came in. */
export interface WithResponse<T> {
  data: T;
  /** The response; its body has been read. */
  response: Response;
  /** The id the server gave the request (`x-correlation-id`, `x-request-id` or `request-id`), if it sent one. */
  requestId: string | undefined;
}

/**
 * A promise of a page that can also give its response: `await promise` is the page; `await
 * promise.withResponse()` is `{ data, response, requestId }`. Either may be used, or both.
 */
export class ApiPromise<T> extends Promise<T> {
  readonly #result: Promise<PageResult>;
  readonly #select: (result: PageResult) => T;

  /** @internal Created by the client; not for direct use. */
  constructor(result: Promise<PageResult>, select: (result: PageResult) => T) {
    // The base promise is only there for `instanceof Promise`; every reader goes through `then` below.
    super((resolve) => resolve(undefined as T));
    this.#result = result;
    this.#select = select;
  }

  /** Promises derived with `then` are plain promises. */
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  // biome-ignore lint/suspicious/noThenProperty: a Promise subclass is meant to be thenable; `then` reads the result
  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#result.then(this.#select).then(onFulfilled, onRejected);
  }

  /** The data, the response it came in (body read) and the server's request id. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#result.then((result) => withResponse(this.#select(result), result));
  }
}

/**
 * The data with the response it came in. The request id is redacted as an error's is: a server may echo the token
 * into its correlation id, and that id is what users paste into support tickets.
 */
export function withResponse<T>(data: T, { response, requestId }: PageResult): WithResponse<T> {
  return { data, response, requestId };
}
