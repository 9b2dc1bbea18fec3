// Headless Debian Chromium driven by Playwright. Playwright cannot download its own browser here, so we launch
// /usr/bin/chromium (scripts/ensure-chromium.sh installs it) with the flags this machine's closed network needs.
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // We run as root, so no sandbox; no GPU, and none of Chromium's own calls home.
    chromiumSandbox: false,
    args: [
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
