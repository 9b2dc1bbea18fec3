// What fetching one page gives the rest of the client: the page, its response, and the rules that came with it.
import type { ExportConnectionsResponse } from "@export-api/types";

/** A page, the response it came in, and the redaction of the token it was fetched with. */
export interface PageResult {
  data: ExportConnectionsResponse;
  /** The response, its body already read. */
  response: Response;
  /** Removes the token this page was fetched with from text the server sent (a link quoted in an error). */
  redact: (text: string) => string;
  /** The id the server gave the request, redacted as an error's is; `undefined` when it sent none. */
  requestId: string | undefined;
}
