// Reading a `Retry-After` header: delay-seconds or an HTTP date (RFC 9110 section 10.2.3).

/**
 * `Retry-After` in milliseconds from `now`, or `undefined` when the header is absent or unreadable.
 * A date in the past gives 0.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
