// The report as text: one line per scenario and, under a failure, one line per violation. What the target sent is
// made printable (the client's rule): a server cannot clear the terminal or forge a line of the report.
import { printable } from "@export-api/client/internal";
import type { VerificationReport } from "./verify.js";
import type { Violation } from "./violations.js";

export function formatReport(report: VerificationReport): string {
  const width = Math.max(...report.scenarios.map((scenario) => scenario.name.length));
  const lines = [
    `Verifying ${printable(report.target)} against the Get Export Connections contract (Prism validation proxy)`,
  ];
  for (const scenario of report.scenarios) {
    const requests = `${scenario.requests} request${scenario.requests === 1 ? "" : "s"}`;
    const status = `${scenario.actual ?? "no response"} (expected ${scenario.expected}, ${requests})`;
    lines.push(`${scenario.passed ? "PASS" : "FAIL"}  ${scenario.name.padEnd(width)}  ${status}`);
    for (const item of scenario.violations) lines.push(`      ${formatViolation(item)}`);
  }
  const passed = report.scenarios.filter((scenario) => scenario.passed).length;
  lines.push(
    `${passed} of ${report.scenarios.length} scenarios passed${report.passed ? "" : "; the server breaks the contract"}`,
  );
  return lines.join("\n");
}

export function formatViolation(item: Violation): string {
  const who = item.source === "prism" ? `prism ${item.severity}` : "verifier";
  const where = item.location.length > 0 ? ` at ${item.location.join(".")}` : "";
  const sent = item.sent === undefined ? "" : `; the target sent ${clip(item.sent)}`;
  const on = item.request ? ` (GET ${item.request})` : "";
  return printable(`${who}${where}: ${item.message}${sent}${on}`);
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
