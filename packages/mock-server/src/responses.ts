// Writing responses: content negotiation between the two media types the spec declares, JSON bodies, and the
// API's error shape `{ error: { code, message, target?, details? } }`.
import type { IncomingMessage, ServerResponse } from "node:http";
import { type ApiError, VENDOR_MEDIA_TYPE } from "@export-api/types";

export const JSON_TYPE = "application/json";

/** The vendor media type when the Accept header asks for it (with a non-zero q), else `application/json`. */
export function negotiate(accept: string | undefined): string {
  if (!accept) return JSON_TYPE;
  for (const range of accept.split(",")) {
    const [type, ...params] = range.split(";").map((part) => part.trim().toLowerCase());
    if (type !== VENDOR_MEDIA_TYPE) continue;
    const q = params.find((param) => param.startsWith("q="));
    if (q === undefined || Number(q.slice(2)) > 0) return VENDOR_MEDIA_TYPE;
  }
  return JSON_TYPE;
}

export function sendJson(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = Buffer.from(JSON.stringify(body));
  response.writeHead(status, {
    ...headers,
    "Content-Type": negotiate(request.headers.accept),
    "Content-Length": String(payload.length),
    "Cache-Control": "no-store",
  });
  response.end(payload);
}

export function sendError(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  error: ApiError,
  headers: Record<string, string> = {},
): void {
  sendJson(request, response, status, { error }, headers);
}
