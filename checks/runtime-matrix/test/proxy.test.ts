// The README's proxy recipes, tried through a real forward proxy on loopback (the npm package `proxy`, every debug
// line on), with the packed client on each runtime. Over HTTPS, as the real API is reached, every runtime tunnels
// with CONNECT: the proxy logs the host and port and never sees a header, so the token reaches the API and never
// the proxy's log. Over plain HTTP, Bun and Deno hand the proxy the request itself, headers included: that is why
// the API is HTTPS-only, and the README says so.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type MockServer, startMockServer } from "@export-api/mock-server";
import { BUN, DENO, MACHINE_NODE, NODE_22, NODE_24, type Runtime } from "@export-api/runtimes";
import { afterAll, beforeAll, describe, test } from "vitest";
import { runJson } from "./helpers/consumer.js";
import { type HttpProxy, startHttpProxy } from "./helpers/http-proxy.js";
import { makeCertificates, startTlsFront } from "./helpers/tls-front.js";

let proxy: HttpProxy;
let certificates: Awaited<ReturnType<typeof makeCertificates>>;
const certificatesDir = mkdtempSync(join(tmpdir(), "runtime-matrix-tls-"));

beforeAll(async () => {
  [proxy, certificates] = await Promise.all([startHttpProxy(), makeCertificates(certificatesDir)]);
});

afterAll(async () => {
  await proxy?.close();
  rmSync(certificatesDir, { recursive: true, force: true });
});

/** This process's environment without any proxy setting a developer or CI machine may have. */
function environmentWithoutProxies(): NodeJS.ProcessEnv {
  const proxyVariables = /^(https?_proxy|no_proxy|all_proxy|node_use_env_proxy)$/i;
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !proxyVariables.test(name)));
}

interface Case {
  label: string;
  runtime: Runtime;
  /** How the runtime runs a script (Deno's `run --allow-net`). */
  runArgs?: string[];
  /** `through-proxy.mjs`'s recipe: undici-global, undici-option or environment. */
  recipe: string;
  /** The environment the README tells each runtime to set, given the proxy's URL and the CA file. */
  env(proxyUrl: string, caFile: string): NodeJS.ProcessEnv;
}

const NODE_CA = (caFile: string) => ({ NODE_EXTRA_CA_CERTS: caFile });

const HTTPS_CASES: Case[] = [
  {
    label: `Node ${MACHINE_NODE.version}: undici's EnvHttpProxyAgent as the global dispatcher`,
    runtime: MACHINE_NODE,
    recipe: "undici-global",
    env: (proxyUrl, caFile) => ({ HTTPS_PROXY: proxyUrl, ...NODE_CA(caFile) }),
  },
  {
    label: `Node ${MACHINE_NODE.version}: undici's ProxyAgent through the client's fetch option`,
    runtime: MACHINE_NODE,
    recipe: "undici-option",
    env: (_proxyUrl, caFile) => NODE_CA(caFile),
  },
  ...[NODE_22, NODE_24].map((runtime) => ({
    label: `Node ${runtime.version}: NODE_USE_ENV_PROXY=1 and HTTPS_PROXY, no code`,
    runtime,
    recipe: "environment",
    env: (proxyUrl: string, caFile: string) => ({ NODE_USE_ENV_PROXY: "1", HTTPS_PROXY: proxyUrl, ...NODE_CA(caFile) }),
  })),
  {
    label: `Bun ${BUN.version}: HTTPS_PROXY, no code`,
    runtime: BUN,
    recipe: "environment",
    env: (proxyUrl, caFile) => ({ HTTPS_PROXY: proxyUrl, ...NODE_CA(caFile) }),
  },
  {
    label: `Deno ${DENO.version}: HTTPS_PROXY, no code`,
    runtime: DENO,
    runArgs: ["run", "--allow-net"],
    recipe: "environment",
    env: (proxyUrl, caFile) => ({ HTTPS_PROXY: proxyUrl, DENO_CERT: caFile }),
  },
];

/** Lists one page from `baseUrl` with `token` under the case's runtime and recipe. */
function listThroughProxy(testCase: Case, mock: MockServer, baseUrl: string, token: string) {
  return runJson(
    testCase.runtime.binary,
    [...(testCase.runArgs ?? []), "through-proxy.mjs", testCase.recipe, baseUrl, mock.imodelIds[0]!, token, proxy.url],
    { ...environmentWithoutProxies(), ...testCase.env(proxy.url, certificates.caFile) },
  );
}

/** A token no other case uses, so one case's log lines cannot pass for another's. */
const tokenFor = (label: string) =>
  `proxy-test-token-${label.replace(/\W+/g, "-")}-${Math.random().toString(36).slice(2)}`;

describe.concurrent("over HTTPS, through the proxy with CONNECT", () => {
  for (const testCase of HTTPS_CASES) {
    test(testCase.label, async ({ expect }) => {
      const mock = await startMockServer();
      const front = await startTlsFront(mock.url, certificates);
      try {
        const token = tokenFor(testCase.label);
        expect(await listThroughProxy(testCase, mock, front.url, token)).toEqual({ connections: 5 });
        // It went through the proxy, which tunnelled it: the proxy logged the CONNECT, the mock never saw a Via.
        expect(proxy.log()).toContain(`CONNECT 127.0.0.1:${front.port} HTTP/1.1`);
        expect(mock.requests).toHaveLength(1);
        expect(mock.requests[0]!.headers.via).toBeUndefined();
        // The token reached the API, and not the proxy's log.
        expect(mock.requests[0]!.headers.authorization).toBe("Bearer [redacted]");
        expect(proxy.log()).not.toContain(token);
      } finally {
        await Promise.all([front.close(), mock.close()]);
      }
    });
  }

  test(`Node ${MACHINE_NODE.version} without undici's dispatcher ignores HTTPS_PROXY and goes straight to the API`, async ({
    expect,
  }) => {
    const mock = await startMockServer();
    const front = await startTlsFront(mock.url, certificates);
    try {
      const testCase = { ...HTTPS_CASES[0]!, recipe: "environment" };
      expect(await listThroughProxy(testCase, mock, front.url, tokenFor("direct"))).toEqual({ connections: 5 });
      expect(mock.requests).toHaveLength(1);
      expect(proxy.log()).not.toContain(`CONNECT 127.0.0.1:${front.port}`);
    } finally {
      await Promise.all([front.close(), mock.close()]);
    }
  });
});

describe.concurrent("over plain HTTP", () => {
  test(`Node ${MACHINE_NODE.version} with undici still tunnels: the proxy sees no header`, async ({ expect }) => {
    const mock = await startMockServer();
    try {
      const token = tokenFor("plain-node");
      const plain: Case = { ...HTTPS_CASES[0]!, env: (proxyUrl) => ({ HTTP_PROXY: proxyUrl }) };
      expect(await listThroughProxy(plain, mock, mock.url, token)).toEqual({ connections: 5 });
      expect(proxy.log()).toContain(`CONNECT 127.0.0.1:${new URL(mock.url).port} HTTP/1.1`);
      expect(mock.requests[0]!.headers.authorization).toBe("Bearer [redacted]");
      expect(proxy.log()).not.toContain(token);
    } finally {
      await mock.close();
    }
  });

  for (const testCase of HTTPS_CASES.filter(({ runtime }) => runtime === BUN || runtime === DENO)) {
    const plain: Case = { ...testCase, env: (proxyUrl) => ({ HTTP_PROXY: proxyUrl }) };
    test(`${testCase.runtime.name} ${testCase.runtime.version} hands the proxy the request itself, Authorization included`, async ({
      expect,
    }) => {
      const mock = await startMockServer();
      try {
        const token = tokenFor(`plain-${testCase.runtime.name}`);
        expect(await listThroughProxy(plain, mock, mock.url, token)).toEqual({ connections: 5 });
        // The proxy forwarded the request (and said so in Via), and logged its headers: the token too.
        expect(mock.requests[0]!.headers.via).toMatch(/\(proxy\/[\d.]+\)$/);
        expect(mock.requests[0]!.headers.authorization).toBe("Bearer [redacted]");
        expect(proxy.log()).toContain(token);
      } finally {
        await mock.close();
      }
    });
  }
});
