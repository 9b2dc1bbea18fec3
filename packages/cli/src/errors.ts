// What a failure looks like on stderr: the API's code and message and the HTTP status, one line per detail.
// Everything a server sent is made printable (no escape sequence reaches the terminal) and the token is cut out of
// anything printed (the client's redaction rule), whatever a server put in its answer.
import { ExportApiError } from "@export-api/client";
import { printable, redactToken } from "@export-api/client/internal";

/** More details than this are summarised in one line: a server cannot flood the terminal. */
const MAX_DETAILS = 20;

export function describeError(error: unknown, token: string | undefined): string {
  const lines: string[] = [];
  if (error instanceof ExportApiError && error.apiMessage !== undefined && error.status !== undefined) {
    // The API said what went wrong: its code and its own message, then the status.
    lines.push(`Error: ${error.code ?? "Error"}: ${error.apiMessage} (HTTP ${error.status})`);
    for (const detail of error.details.slice(0, MAX_DETAILS)) {
      lines.push(`  ${detail.target ?? detail.code}: ${detail.message}`);
    }
    if (error.details.length > MAX_DETAILS) lines.push(`  ... and ${error.details.length - MAX_DETAILS} more`);
  } else {
    // No words from the API (a network failure, a body that is not a page, ...): the client's message says it all.
    lines.push(`Error: ${error instanceof Error ? error.message : String(error)}`);
  }
  return `${lines.map((line) => printable(redactToken(line, token))).join("\n")}\n`;
}
