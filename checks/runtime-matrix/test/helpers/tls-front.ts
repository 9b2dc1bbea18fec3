// HTTPS in front of the mock server, as the real API is reached: a TLS server on loopback whose certificate is
// signed by a throwaway CA (both made by `selfsigned` for this run), passing each connection's bytes to the mock.
// Runtimes trust the CA through their own setting: NODE_EXTRA_CA_CERTS (Node, Bun) or DENO_CERT (Deno).
import { writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { createServer } from "node:tls";
import { generate } from "selfsigned";

export interface TlsFront {
  /** e.g. `https://127.0.0.1:40123`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A CA and a certificate for 127.0.0.1 signed by it; the CA's certificate is written to `<dir>/ca.pem`. */
export async function makeCertificates(dir: string): Promise<{ caFile: string; key: string; cert: string }> {
  const ca = await generate([{ name: "commonName", value: "runtime-matrix test CA" }], {
    keyType: "ec",
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await generate([{ name: "commonName", value: "127.0.0.1" }], {
    keyType: "ec",
    algorithm: "sha256",
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] },
    ],
  });
  const caFile = join(dir, "ca.pem");
  writeFileSync(caFile, ca.cert);
  return { caFile, key: server.private, cert: server.cert };
}

/** Listens with TLS on 127.0.0.1 and relays every connection to `target` (the mock's `http://127.0.0.1:<port>`). */
export async function startTlsFront(target: string, certificates: { key: string; cert: string }): Promise<TlsFront> {
  const targetPort = Number(new URL(target).port);
  const sockets = new Set<Socket>();
  const server = createServer(certificates, (tlsSocket) => {
    const upstream = connect(targetPort, "127.0.0.1");
    for (const socket of [tlsSocket, upstream]) {
      sockets.add(socket);
      socket.on("error", () => {
        tlsSocket.destroy();
        upstream.destroy();
      });
      socket.on("close", () => sockets.delete(socket));
    }
    tlsSocket.pipe(upstream).pipe(tlsSocket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
