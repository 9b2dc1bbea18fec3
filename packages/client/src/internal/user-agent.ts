// The User-Agent the client sends: its own name and version, and the runtime it runs on where the runtime lets a
// client name itself; none in browsers, which set their own.
import { VERSION } from "../version.js";

/** What the runtime puts on the global object, as far as telling runtimes apart needs it. */
export interface RuntimeGlobal {
  Bun?: { version?: string } | undefined;
  Deno?: { version?: { deno?: string } | undefined } | undefined;
  process?: { versions?: { node?: string } | undefined } | undefined;
  navigator?: { userAgent?: string } | undefined;
  window?: unknown;
}

/** True in the browser build (a bundler's `browser` condition), where the browser sets User-Agent itself. */
declare const __BROWSER__: boolean;

/** `export-api-client/<version> <runtime>`, or `undefined` in a browser. */
export function userAgent(global: RuntimeGlobal = globalThis as RuntimeGlobal): string | undefined {
  // The browser build carries no runtime detection at all: a bundler drops everything below.
  if (__BROWSER__) return undefined;
  const runtime = runtimeName(global);
  return runtime && `export-api-client/${VERSION} ${runtime}`;
}

/** `node/20.20.2`, `bun/1.4.5`, `deno/2.9.6` or `workerd`; `undefined` in a browser (or anything unknown). */
export function runtimeName(global: RuntimeGlobal): string | undefined {
  // Bun and Deno also report process.versions.node: ask for them first.
  if (global.Bun?.version) return `bun/${global.Bun.version}`;
  if (global.Deno?.version?.deno) return `deno/${global.Deno.version.deno}`;
  if (global.navigator?.userAgent === "Cloudflare-Workers") return "workerd";
  const node = global.process?.versions?.node;
  return node && global.window === undefined ? `node/${node}` : undefined;
}
