// A least-recently-used cache of serialized pages, bounded by bytes: paging through an iModel again, or a load
// test asking for the same page, costs a map lookup instead of generating and serializing the connections.

/** Bytes of serialized pages kept by default: 16 MiB, about 400 pages of 100 connections. */
export const PAGE_CACHE_BYTES = 16 * 1024 * 1024;

export class PageCache {
  readonly #maxBytes: number;
  // A Map iterates in insertion order: the first key is the least recently used.
  readonly #pages = new Map<string, Uint8Array>();
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  get(key: string): Uint8Array | undefined {
    const page = this.#pages.get(key);
    if (page) {
      this.#pages.delete(key);
      this.#pages.set(key, page);
    }
    return page;
  }

  /** Keeps `page` unless it alone is larger than the budget; evicts the least recently used to make room. */
  set(key: string, page: Uint8Array): void {
    if (page.length > this.#maxBytes) return;
    const old = this.#pages.get(key);
    if (old) {
      this.#pages.delete(key);
      this.#bytes -= old.length;
    }
    this.#pages.set(key, page);
    this.#bytes += page.length;
    for (const [oldest, bytes] of this.#pages) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#pages.delete(oldest);
      this.#bytes -= bytes.length;
    }
  }

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#pages.size;
  }
}
