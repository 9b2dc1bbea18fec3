// The vitest config Stryker runs for each mutant: the unit tests without the type tests, which say nothing
// about a mutant's behaviour and would only slow every run down.
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

export default mergeConfig(base, defineConfig({ test: { typecheck: { enabled: false } } }));
