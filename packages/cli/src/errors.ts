// What a failure looks like on stderr: the API's code and message and the HTTP status, one line per detail.
// The token is cut out of anything printed (the client's redaction rule), whatever a server put in its answer.
import { ExportApiError, redactToken } from "@export-api/client";

export function describeError(error: unknown, token: string | undefined): string {
  const lines: string[] = [];
  if (error instanceof ExportApiError && error.apiMessage !== undefined && error.status !== undefined) {
    // The API said what went wrong: its code and its own message, then the status.
    lines.push(`Error: ${error.code ?? "Error"}: ${error.apiMessage} (HTTP ${error.status})`);
    for (const detail of error.details) {
      lines.push(`  ${detail.target ?? detail.code}: ${detail.message}`);
    }
  } else {
    // No words from the API (a network failure, a body that is not a page, ...): the client's message says it all.
    lines.push(`Error: ${error instanceof Error ? error.message : String(error)}`);
  }
  return redactToken(`${lines.join("\n")}\n`, token);
}
