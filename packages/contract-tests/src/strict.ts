// Requests the spec allows go through Prism's `--errors` proxy. When it refuses the target's response (its 500
// listing the response's violations), the same request is read again through the forwarding proxy, so the report
// names the values the target sent, the status is the target's own, and paging follows the target's links on
// past the refused page.
import { type Exchange, record } from "./exchange.js";
import { fetchWaitingOutRateLimits, type RateLimitPolicy } from "./rate-limit.js";
import { isRefusal } from "./violations.js";

export interface Proxies extends RateLimitPolicy {
  /** A Prism proxy started with `--errors`, in front of the target. */
  strictUrl: string;
  /** A Prism proxy started without `--errors`: it forwards everything and reports in `sl-violations`. */
  forwardingUrl: string;
}

/** Sends `request`, addressed to the strict proxy; gives the exchange to report and the response to read on. */
export async function fetchStrict(
  request: Request,
  proxies: Proxies,
): Promise<{ exchange: Exchange; response: Response }> {
  const response = await fetchWaitingOutRateLimits(request, proxies);
  const exchange = await record(request, response);
  if (!isRefusal(exchange)) return { exchange, response };
  await response.body?.cancel();
  const url = new URL(request.url);
  url.host = new URL(proxies.forwardingUrl).host;
  const again = await fetchWaitingOutRateLimits(new Request(url, request), proxies);
  return { exchange: { ...(await record(request, again)), refused: exchange }, response: again };
}
