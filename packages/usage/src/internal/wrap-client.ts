// The client as the consumer's code gets it from the recorder: the same object (a Proxy of it, so `instanceof` and
// every property still work), whose pages and connections come back wrapped to see what the code reads, each filed
// under the response it came in (so under the request that fetched it), and whose errors are noted before they reach
// the code. Pages are taken through the client's own `withResponse()`, which hands over that response; connections
// are taken from those pages, in the order and with the abort checks of the client's own iteration.
import type { ExportClient } from "@export-api/client";
import { validateInteger } from "@export-api/client/internal";

export interface ClientHooks {
  /** The code made this call of the client (`iterateExportConnections().toArray()`). */
  called(call: string): void;
  /** A page the code receives from `call`, which came in `response`: returned wrapped. */
  page<T>(data: T, response: Response, call: string): T;
  /** A connection of that page: returned wrapped. */
  connection<T>(data: T, response: Response, call: string): T;
  /** A call failed with this error, which the code then receives. */
  failed(error: unknown): void;
}

export function wrapClient<T extends ExportClient>(client: T, hooks: ClientHooks): T {
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key === "getExportConnections") {
        return (...args: Parameters<ExportClient["getExportConnections"]>) => {
          hooks.called("getExportConnections");
          return wrapApiPromise(target.getExportConnections(...args), hooks);
        };
      }
      if (key === "iterateExportConnections") {
        return (...args: Parameters<ExportClient["iterateExportConnections"]>) =>
          wrapIterable(target.iterateExportConnections(...args), args[1]?.signal, hooks);
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

type ApiPromise = ReturnType<ExportClient["getExportConnections"]>;
type Iterable = ReturnType<ExportClient["iterateExportConnections"]>;
type Page = Awaited<ApiPromise>;
type Connection = Page["connections"][number];

function rethrow(hooks: ClientHooks) {
  return (error: unknown): never => {
    hooks.failed(error);
    throw error;
  };
}

/** `await` gives the wrapped page, `.withResponse()` the wrapped page beside the response; errors are noted. */
function wrapApiPromise(promise: ApiPromise, hooks: ClientHooks): ApiPromise {
  const CALL = "getExportConnections";
  const withResponse = () =>
    promise
      .withResponse()
      .then((result) => ({ ...result, data: hooks.page(result.data, result.response, CALL) }), rethrow(hooks));
  const page = () => withResponse().then((result) => result.data);
  return new Proxy(promise, {
    get(target, key) {
      switch (key) {
        case "then":
          return (onFulfilled?: (value: Page) => unknown, onRejected?: (reason: unknown) => unknown) =>
            page().then(onFulfilled, onRejected);
        case "catch":
          return (onRejected?: (reason: unknown) => unknown) => page().catch(onRejected);
        case "finally":
          return (onFinally?: () => void) => page().finally(onFinally);
        case "withResponse":
          return withResponse;
        default: {
          const value = Reflect.get(target, key, target);
          return typeof value === "function" ? value.bind(target) : value;
        }
      }
    },
  });
}

function wrapIterable(iterable: Iterable, signal: AbortSignal | undefined, hooks: ClientHooks): Iterable {
  /** The pages with their responses, each page wrapped and filed under `call`. */
  const pages = (call: string) => {
    hooks.called(call);
    return mapped(
      iterable.pages().withResponse(),
      (result) => ({ ...result, data: hooks.page(result.data, result.response, call) }),
      hooks,
    );
  };

  /** The connections, page after page, as the client's own iteration hands them out. */
  async function* connections(call: string): AsyncGenerator<Connection, void, undefined> {
    for await (const { data, response } of pages(call)) {
      for (const connection of data.connections) {
        signal?.throwIfAborted();
        yield hooks.connection(connection, response, call);
      }
    }
  }

  return new Proxy(iterable, {
    get(target, key) {
      switch (key) {
        case Symbol.asyncIterator:
          return () => connections("iterateExportConnections");
        case "pages":
          return () => {
            const call = "iterateExportConnections().pages()";
            return Object.assign(
              mapped(pages(call), (result) => result.data, hooks),
              { withResponse: () => pages(`${call}.withResponse()`) },
            );
          };
        case "toArray":
          // The client's toArray, over the wrapped connections: the same limit rule, no request past the limit.
          return async (options: { limit?: number | undefined } = {}) => {
            const limit =
              validateInteger(options?.limit, "limit", 0, Number.MAX_SAFE_INTEGER) ?? Number.POSITIVE_INFINITY;
            const all: Connection[] = [];
            if (limit === 0) return all;
            for await (const connection of connections("iterateExportConnections().toArray()")) {
              all.push(connection);
              if (all.length >= limit) break;
            }
            return all;
          };
        default: {
          const value = Reflect.get(target, key, target);
          return typeof value === "function" ? value.bind(target) : value;
        }
      }
    },
  });
}

/** The items of `source`, each passed through `map`; an error is noted and rethrown; return() reaches the source. */
async function* mapped<T, U>(source: AsyncIterator<T>, map: (item: T) => U, hooks: ClientHooks): AsyncGenerator<U> {
  let done = false;
  try {
    while (true) {
      let step: IteratorResult<T>;
      try {
        step = await source.next();
      } catch (error) {
        done = true;
        hooks.failed(error);
        throw error;
      }
      if (step.done) {
        done = true;
        return;
      }
      yield map(step.value);
    }
  } finally {
    // The code stopped early (break, return, a throw in its loop): let the client stop too, sending nothing more.
    if (!done) await source.return?.();
  }
}
