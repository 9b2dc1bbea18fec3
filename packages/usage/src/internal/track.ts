// The fields a consumer's code reads, seen through a Proxy around each page (or connection) the client returns. A
// property read records its path; listing an object's keys (a spread, JSON.stringify, Object.keys, for...in)
// records every field below it, since the code then depends on all of them, and records the listing itself (a new
// field will show up there too). Values are handed out wrapped, so reads further down are seen; the data itself is
// never changed.
import { formatPath, ITEM, type Segment } from "./paths.js";

export interface ReadLog {
  /** The code read the field at `path` (a leaf, an object or an array). */
  read(path: string): void;
  /** The code listed the keys of the object or array at `path`. */
  enumerate(path: string): void;
}

export interface Tracker {
  /** `value` wrapped so that reads below `path` are logged; primitives come back as they are. */
  track<T>(value: T, path: readonly Segment[]): T;
}

export function createTracker(log: ReadLog): Tracker {
  // One proxy per object, so `page.connections === page.connections` stays true.
  const proxies = new WeakMap<object, object>();

  const track = <T>(value: T, path: readonly Segment[]): T => {
    if (typeof value !== "object" || value === null) return value;
    const known = proxies.get(value);
    if (known) return known as T;
    const handler = (Array.isArray(value) ? arrayHandler(path) : objectHandler(path)) as ProxyHandler<object>;
    const proxy = new Proxy(value as object, handler);
    proxies.set(value, proxy);
    return proxy as T;
  };

  /** Everything below `path` (the value itself included) counts as read. */
  const readAll = (value: unknown, path: readonly Segment[]) => {
    log.read(formatPath(path));
    if (Array.isArray(value)) {
      for (const item of value) readAll(item, [...path, ITEM]);
    } else if (typeof value === "object" && value !== null) {
      for (const [key, child] of Object.entries(value)) readAll(child, [...path, key]);
    }
  };

  const listed = (target: object, path: readonly Segment[]) => {
    log.enumerate(formatPath(path));
    readAll(target, path);
  };

  /** A value the proxy must hand out as it is: a non-configurable, read-only property (a Proxy invariant). */
  const frozen = (target: object, key: string) => {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    return descriptor !== undefined && descriptor.configurable === false && descriptor.writable === false;
  };

  const objectHandler = (path: readonly Segment[]): ProxyHandler<Record<string, unknown>> => ({
    get(target, key, receiver) {
      if (typeof key !== "string" || !Object.hasOwn(target, key)) return Reflect.get(target, key, receiver);
      const childPath = [...path, key];
      log.read(formatPath(childPath));
      const value = target[key];
      return frozen(target, key) ? value : track(value, childPath);
    },
    has(target, key) {
      if (typeof key === "string" && Object.hasOwn(target, key)) log.read(formatPath([...path, key]));
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === "string" && Object.hasOwn(target, key)) log.read(formatPath([...path, key]));
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      listed(target, path);
      return Reflect.ownKeys(target);
    },
  });

  const arrayHandler = (path: readonly Segment[]): ProxyHandler<unknown[]> => ({
    get(target, key, receiver) {
      if (key === "length") {
        log.read(formatPath(path));
        return target.length;
      }
      if (typeof key === "string" && isIndex(key) && Object.hasOwn(target, key)) {
        log.read(formatPath(path));
        const value = Reflect.get(target, key);
        return frozen(target, key) ? value : track(value, [...path, ITEM]);
      }
      // Methods (map, forEach, Symbol.iterator, ...) run with the proxy as `this`, so the elements they reach are
      // read through it.
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (typeof key === "string" && isIndex(key)) log.read(formatPath(path));
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      listed(target, path);
      return Reflect.ownKeys(target);
    },
  });

  return { track };
}

function isIndex(key: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(key);
}
