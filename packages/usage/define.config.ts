// The recorder's version, read in one place: package.json's `version`, put into the code as __USAGE_VERSION__
// (src/internal/version.ts) by the build (tsup.config.ts) and by the tests (vitest.config.ts). Every contract it
// writes names it.
import { readFileSync } from "node:fs";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

export const define = { __USAGE_VERSION__: JSON.stringify(version) };
