// The end of an inventory: its summary on stderr and its exit code. Everything a server said is made printable and
// the token is cut out of it, as in errors.ts.
import { ExportApiError } from "@export-api/client";
import { printable, redactToken } from "@export-api/client/internal";
import type { Tally } from "./tally.js";

/** The exit codes of an inventory (the usage text and the README say the same). */
export const EXIT = { ok: 0, allFailed: 1, usage: 2, someFailed: 3, SIGINT: 130, SIGTERM: 143 } as const;

/** Failed iModels named one by one, at most; the others are counted. */
export const MAX_FAILURES_SHOWN = 20;

export function exitCode(tally: Tally): number {
  if (tally.failures.length === 0) return EXIT.ok;
  return tally.ok === 0 ? EXIT.allFailed : EXIT.someFailed;
}

/** One line per failed iModel: its id, then the error's code, message and status, or the client's message. */
export function describeFailure(imodelId: string, error: unknown, token: string | undefined): string {
  let reason: string;
  if (error instanceof ExportApiError) {
    const status = error.status === undefined ? "" : ` (HTTP ${error.status})`;
    reason = `${error.name}: ${error.code ?? "Error"}: ${error.apiMessage ?? error.message}${status}`;
  } else {
    reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  return printable(redactToken(`${imodelId}  ${reason}`, token)).slice(0, 400);
}

export function summary(tally: Tally, token: string | undefined, stoppedBy?: string): string {
  const seconds = ((Date.now() - tally.started) / 1000).toFixed(1);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const earlier = tally.doneBefore > 0 ? ` (${tally.doneBefore} by an earlier run)` : "";
  const twice = tally.duplicates > 0 ? ` (${plural(tally.duplicates, "duplicate id")} skipped)` : "";
  const lines = [
    `Inventory: ${plural(tally.total, "iModel")}${twice}: ${tally.ok} ok${earlier}, ${tally.failures.length} failed; ` +
      `${plural(tally.allConnections, "connection")}; ${plural(tally.retries, "retry").replace("retrys", "retries")}, ` +
      `${plural(tally.rateLimitWaits, "rate-limit wait")}; ${seconds} s`,
  ];
  if (tally.failures.length > 0) {
    lines.push("Failed iModels:");
    for (const { imodelId, error } of tally.failures.slice(0, MAX_FAILURES_SHOWN)) {
      lines.push(`  ${describeFailure(imodelId, error, token)}`);
    }
    if (tally.failures.length > MAX_FAILURES_SHOWN) {
      lines.push(`  ... and ${tally.failures.length - MAX_FAILURES_SHOWN} more`);
    }
  }
  if (stoppedBy !== undefined) {
    const left = tally.total - tally.ok;
    lines.push(`Stopped by ${stoppedBy} with ${plural(left, "iModel")} to go: run the same command again to finish.`);
  }
  return `${lines.join("\n")}\n`;
}
