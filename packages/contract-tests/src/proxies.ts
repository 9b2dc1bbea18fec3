// The pair of Prism proxies a verification sends through, in front of one target: started together, stopped
// together by process id. verifyProvider starts its own pair; a caller verifying the same target several times
// starts one with startProxies and hands it to each run.
import { type VerifyProxies, validateTarget } from "./options.js";
import { type PrismProcess, startPrism } from "./prism.js";

/**
 * Starts the strict and the forwarding Prism proxy in front of `target`, side by side. If either cannot start,
 * the other is stopped and the error thrown. Rejects with an InvalidOptionsError for a `target` that is not a
 * base URL.
 */
export async function startProxies(target: string): Promise<VerifyProxies> {
  const base = validateTarget(target);
  const started = await Promise.allSettled([
    startPrism({ kind: "proxy", target: base }),
    startPrism({ kind: "proxy", target: base, errors: false }),
  ]);
  const prisms = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const failed = started.find((result) => result.status === "rejected");
  const stopAll = async () => {
    await Promise.all(prisms.map((prism) => prism.close()));
  };
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  const [strict, forwarding] = prisms as [PrismProcess, PrismProcess];
  let closing: Promise<void> | undefined;
  return {
    target: base,
    strictUrl: strict.url,
    forwardingUrl: forwarding.url,
    pids: [strict.pid, forwarding.pid],
    get closed() {
      return closing !== undefined;
    },
    close() {
      closing ??= stopAll();
      return closing;
    },
  };
}
