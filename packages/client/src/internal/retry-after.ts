// Reading a `Retry-After` header (RFC 9110 section 10.2.3): delay-seconds, or an HTTP-date in one of the three
// forms a recipient must accept. Anything else (a fraction, a negative number, two values joined by a comma, a
// word) is unreadable: the caller then falls back to its own backoff instead of retrying at once.

const DELAY_SECONDS = /^\d+$/;
/**
 * The shape the three forms share (IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, RFC 850 `Sunday, 06-Nov-94
 * 08:49:37 GMT`, asctime `Sun Nov  6 08:49:37 1994`): a day name first, a time, GMT or the year last. Date.parse
 * then reads the date itself.
 */
const HTTP_DATE = /^[A-Z][a-z]{2,8},? [\w -]+ \d\d:\d\d:\d\d (GMT|\d{4})$/;

/**
 * `Retry-After` in milliseconds from `now`, or `undefined` when the header is absent or unreadable. A date in the
 * past gives 0; an absurdly large number of seconds is capped at `Number.MAX_SAFE_INTEGER` ms.
 *
 * @internal
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (DELAY_SECONDS.test(text)) return Math.min(Number(text) * 1000, Number.MAX_SAFE_INTEGER);
  if (!HTTP_DATE.test(text)) return undefined;
  // asctime carries no zone; HTTP dates are always GMT, so say so rather than let Date.parse take local time.
  const date = Date.parse(text.endsWith("GMT") ? text : `${text} GMT`);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
