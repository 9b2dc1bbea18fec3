// What a caller talks to: a base URL and the fetch that reaches it (a stub in-process, or the real one over
// loopback). A caller is one call that resolves to the number of connections it read.
import type { Fetch } from "../fixtures/stub-fetch.js";

export interface Target {
  baseUrl: string;
  fetch: Fetch;
}

/** One benchmarked call; resolves to the number of connections read, so a smoke test can check it. */
export type Call = () => Promise<number>;
