// Prism's convention, which teams already script their tests with: `Prefer: code=503` asks a mock for that status.
// RFC 7240 preferences are `name=value` pairs separated by commas (parameters after `;` are ignored here).

export type PreferredCode = { code: number } | { invalid: string } | undefined;

/** The status a `Prefer` header asks for; `undefined` when it asks for none, `invalid` when `code=` is no status. */
export function readPreferredCode(prefer: string | undefined): PreferredCode {
  if (!prefer) return undefined;
  for (const preference of prefer.split(",")) {
    const [pair = ""] = preference.split(";");
    const equals = pair.indexOf("=");
    if (equals === -1 || pair.slice(0, equals).trim().toLowerCase() !== "code") continue;
    const value = pair
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
    return /^[1-5][0-9]{2}$/.test(value) ? { code: Number(value) } : { invalid: value };
  }
  return undefined;
}
