// Build-time constants, read in one place: the client's version (package.json's `version`, as __CLIENT_VERSION__
// in src/version.ts) and whether this is the browser build (__BROWSER__, src/internal/user-agent.ts), put into the
// code by the build (tsup.config.ts) and by the tests (vitest.config.ts).
import { readFileSync } from "node:fs";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

export const define = { __CLIENT_VERSION__: JSON.stringify(version), __BROWSER__: "false" };

/** The browser build (`dist/index.browser.js`): browsers send their own User-Agent, so no runtime detection. */
export const browserDefine = { ...define, __BROWSER__: "true" };
