// What a failure looks like on stderr: the API's code and message and the HTTP status, one line per detail.
// The token is cut out of anything printed, whatever a server put in its answer.
import { ExportApiError } from "@export-api/client";

const REDACTED = "[redacted]";

export function describeError(error: unknown, token: string | undefined): string {
  const lines: string[] = [];
  if (error instanceof ExportApiError && error.code !== undefined && error.status !== undefined) {
    lines.push(`Error: ${error.code}: ${apiMessage(error)} (HTTP ${error.status})`);
    for (const detail of error.details) {
      lines.push(`  ${detail.target ?? detail.code}: ${detail.message}`);
    }
  } else {
    lines.push(`Error: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = `${lines.join("\n")}\n`;
  return token && token.length >= 4 ? text.split(token).join(REDACTED) : text;
}

/** The API's own message: the client's message without its "<status> <text>: <code>: " prefix. */
function apiMessage(error: ExportApiError): string {
  const withoutStatus = error.message.replace(/^\d{3}[^:]*: /, "");
  const prefix = `${error.code}: `;
  return withoutStatus.startsWith(prefix) ? withoutStatus.slice(prefix.length) : withoutStatus;
}
