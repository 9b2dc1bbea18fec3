// Builds response plans: JSON bodies in the media type the request negotiated, the API's error shape, and the
// headers every answer carries (no-store, CORS, and evolve mode's extras).
import { printable } from "@export-api/client/internal";
import { type ApiError, VENDOR_MEDIA_TYPE } from "@export-api/types";
import { corsHeaders, preflightHeaders } from "./cors.js";
import { EVOLVED_HEADERS, evolvedHeaders, evolveError } from "./evolve.js";
import type { ResponsePlan } from "./plan.js";

export const JSON_TYPE = "application/json";

const encoder = new TextEncoder();

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

export class Responder {
  readonly evolve: boolean;
  readonly #exposed: string;
  #sequence = 0;

  constructor(evolve: boolean) {
    this.evolve = evolve;
    this.#exposed = ["Retry-After", ...(evolve ? EVOLVED_HEADERS : [])].join(", ");
  }

  /** A plan with these bytes and the common headers; `headers` come last, so they can override them. */
  bytes(status: number, body: Uint8Array, contentType: string, headers?: Record<string, string>): ResponsePlan {
    return this.#plan(status, body, contentType, headers, this.#evolvedHeaders());
  }

  json(status: number, body: unknown, contentType: string, headers?: Record<string, string>): ResponsePlan {
    return this.bytes(status, jsonBytes(body), contentType, headers);
  }

  /** `{ error }` in the negotiated media type; evolve mode adds what a newer API might. */
  error(status: number, error: ApiError, contentType: string, headers?: Record<string, string>): ResponsePlan {
    const evolved = this.#evolvedHeaders();
    const body = this.evolve ? evolveError({ error }, evolved["X-Correlation-Id"]!) : { error };
    return this.#plan(status, jsonBytes(body), contentType, headers, evolved);
  }

  #evolvedHeaders(): Record<string, string> {
    return this.evolve ? evolvedHeaders(++this.#sequence) : {};
  }

  #plan(
    status: number,
    body: Uint8Array,
    contentType: string,
    headers: Record<string, string> | undefined,
    evolved: Record<string, string>,
  ): ResponsePlan {
    return {
      status,
      headers: {
        "Content-Type": contentType,
        "Cache-Control": "no-store",
        ...corsHeaders(this.#exposed),
        ...evolved,
        ...headers,
      },
      body,
    };
  }

  /** 204 to a CORS preflight. */
  preflight(methods: string): ResponsePlan {
    return {
      status: 204,
      headers: { ...corsHeaders(this.#exposed), ...preflightHeaders(methods) },
      body: new Uint8Array(0),
    };
  }
}

/**
 * JSON as UTF-8 bytes, with every character a terminal acts on that JSON.stringify leaves raw (C1 controls such as
 * the 8-bit CSI, DEL, line separators, bidi overrides) written as a `\uXXXX` escape, as `printable()` writes it: the
 * same JSON value, but safe to pipe to a terminal (`curl .../__mock/requests`). Error messages and the request log
 * quote what a request sent.
 */
export function jsonBytes(value: unknown): Uint8Array {
  return encoder.encode(printable(JSON.stringify(value)));
}

/** The text as UTF-8 bytes. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}
