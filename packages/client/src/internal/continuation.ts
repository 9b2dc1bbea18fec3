// Continuation tokens: where an iteration stands, to resume it later (after a crash, in another process). A token is
// made from the query of the next page as paging validated it (never from the server's link, which may echo a
// secret), and read back only into values that query could hold: the same iModel, a $skip and a $top within the
// spec's bounds. It is opaque (its layout may change with its version), versioned (`ec1`), and a checksum catches a
// truncated or edited one. It is not a secret and not signed: whatever it holds only yields validated values.
import { SKIP_MAX, SKIP_MIN, TOP_MAX, TOP_MIN } from "@export-api/types";
import type { PageQuery } from "./query.js";
import { validateInteger } from "./validate.js";

/** The token of `query`: `ec1:<skip>:<top, 0 for the server's>:<imodelId, percent-encoded>:<checksum>`. */
export function writeContinuation({ imodelId, skip = 0, top = 0 }: PageQuery): string {
  const body = `ec1:${skip}:${top}:${encodeURIComponent(imodelId)}`;
  return `${body}:${checksum(body)}`;
}

/**
 * The query a token resumes, for the iModel `imodelId`; a TypeError (or a RangeError for a value out of bounds)
 * naming `resumeFrom` for anything else: not a token of this version, damaged (the checksum), or another iModel's.
 */
export function readContinuation(token: unknown, imodelId: string): PageQuery {
  const parts = typeof token === "string" && token.length < 4096 ? token.split(":") : [];
  const sum = parts.pop();
  if (parts.length !== 4 || parts[0] !== "ec1") throw new TypeError("resumeFrom is not a continuation token (ec1)");
  const body = parts.join(":");
  let id: string | undefined;
  try {
    id = decodeURIComponent(parts[3]!);
  } catch {}
  if (sum !== checksum(body) || id === undefined) throw new TypeError("resumeFrom is damaged (cut short or edited)");
  if (id.toLowerCase() !== imodelId.toLowerCase()) throw new TypeError("resumeFrom is another iModel's");
  // Digits only, then the spec's bounds: a token can only ever yield a $skip and a $top the client would send.
  const read = (text: string, name: string, min: number, max: number) =>
    validateInteger(/^\d{1,16}$/.test(text) ? Number(text) : text, `resumeFrom's ${name}`, min, max);
  const top = read(parts[2]!, "$top", 0, TOP_MAX);
  return {
    imodelId,
    skip: read(parts[1]!, "$skip", SKIP_MIN, SKIP_MAX),
    top: top === 0 ? undefined : read(parts[2]!, "$top", TOP_MIN, TOP_MAX),
  };
}

/** FNV-1a (32 bits) of `text`, in base 36: catches accidental edits, proves nothing else. */
function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return (hash >>> 0).toString(36);
}
