// The options of a verification, checked before any process starts; bad input fails with a message naming it.
import { randomUUID } from "node:crypto";
import { TOP_MAX, TOP_MIN } from "@export-api/client";
import { validateBaseUrl, validateInteger } from "@export-api/client/internal";
import { isImodelId } from "@export-api/types";

/** A running pair of Prism proxies in front of one target, from startProxies; `verifyProvider`'s `proxies` option. */
export interface VerifyProxies {
  /** The target both proxies forward to, normalised by the base-URL rule; a run must be given the same. */
  readonly target: string;
  /** Prism with `--errors`: carries the requests the spec allows, refuses a response that breaks it. */
  readonly strictUrl: string;
  /** Prism without `--errors`: forwards everything, also requests that break the spec, and only reports. */
  readonly forwardingUrl: string;
  /** Process ids of the strict and the forwarding proxy. */
  readonly pids: readonly number[];
  /** True once `close()` was called. */
  readonly closed: boolean;
  /** Stops both proxies by process id; resolves once both have exited. Safe to call twice. */
  close(): Promise<void>;
}

export interface VerifyProviderOptions {
  /** Base URL of the server under test, e.g. `http://localhost:8080` (a path prefix is kept). */
  target: string;
  /** A GUID of an iModel the server has connections for. */
  imodelId: string;
  /** Bearer token the server accepts. Default: a placeholder, enough for servers that accept any token. */
  token?: string;
  /** A GUID the server does not know, for the 404 scenario. Default: a fresh random GUID. */
  unknownImodelId?: string;
  /** `$top` of the first request of the paging scenario, `TOP_MIN` to `TOP_MAX`; later pages follow the links. Default 100. */
  pageSize?: number;
  /** The paging scenario fails if a next link is still there after this many pages. Default 1000. */
  maxPages?: number;
  /**
   * A 429 from the target is waited out when its `Retry-After` is at most this many ms (up to 5 times per request);
   * a longer one fails the scenario. Default 60 000.
   */
  maxRetryAfterMs?: number;
  /**
   * Proxies from `startProxies(target)` for this same `target`, to run through instead of starting a pair: the run
   * leaves them running (the caller closes them). Default: the run starts its own pair and stops it at the end.
   */
  proxies?: VerifyProxies;
}

export interface ResolvedOptions {
  target: string;
  imodelId: string;
  unknownImodelId: string;
  /** The caller's token, if any (the one to keep out of the report). */
  token: string | undefined;
  pageSize: number;
  maxPages: number;
  maxRetryAfterMs: number;
  /** The caller's proxies, if any. */
  proxies: VerifyProxies | undefined;
}

/** Thrown for options that cannot be used; the bin exits 2 on it. */
export class InvalidOptionsError extends TypeError {
  override name = "InvalidOptionsError";
}

export function resolveOptions(options: VerifyProviderOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) throw new InvalidOptionsError("options are required");
  const target = validateTarget(options.target);
  return {
    target,
    imodelId: validateGuid(options.imodelId, "imodelId"),
    unknownImodelId: validateGuid(options.unknownImodelId ?? randomUUID(), "unknownImodelId"),
    token: validateToken(options.token),
    pageSize: integerOption(options.pageSize, "pageSize", TOP_MIN, TOP_MAX, 100),
    maxPages: integerOption(options.maxPages, "maxPages", 1, Number.MAX_SAFE_INTEGER, 1000),
    maxRetryAfterMs: integerOption(options.maxRetryAfterMs, "maxRetryAfterMs", 0, 600_000, 60_000),
    proxies: validateProxies(options.proxies, target),
  };
}

/** The client's base-URL rule (one home for it), reported as invalid options naming `target`. */
export function validateTarget(target: unknown): string {
  try {
    return validateBaseUrl(target, "target");
  } catch (error) {
    throw new InvalidOptionsError((error as Error).message);
  }
}

/** Proxies in front of another server would verify that server instead, and closed ones answer nothing. */
function validateProxies(proxies: VerifyProxies | undefined, target: string): VerifyProxies | undefined {
  if (proxies === undefined) return undefined;
  if (typeof proxies !== "object" || proxies === null || typeof proxies.close !== "function") {
    throw new InvalidOptionsError("proxies must be what startProxies(target) resolved with");
  }
  if (proxies.target !== target) {
    throw new InvalidOptionsError(
      `proxies were started for ${JSON.stringify(proxies.target)}, not for the target ${JSON.stringify(target)}`,
    );
  }
  if (proxies.closed) throw new InvalidOptionsError("proxies are closed; start a new pair with startProxies(target)");
  return proxies;
}

function validateGuid(value: unknown, name: string): string {
  if (!isImodelId(value)) {
    throw new InvalidOptionsError(`${name} must be a GUID (the spec's format: uuid), got ${JSON.stringify(value)}`);
  }
  return value;
}

function validateToken(token: unknown): string | undefined {
  if (token === undefined) return undefined;
  if (typeof token !== "string" || token.trim() === "")
    throw new InvalidOptionsError("token must be a non-empty string");
  return token.replace(/^Bearer\s+/i, "");
}

/** The workspace's one integer rule (validateInteger), reported as invalid options. */
function integerOption(value: unknown, name: string, min: number, max: number, fallback: number): number {
  try {
    return validateInteger(value, name, min, max, fallback);
  } catch (error) {
    throw new InvalidOptionsError((error as Error).message);
  }
}
