// The vitest config Stryker runs for each mutant: the suite without the bin's tests, which run the built bin (a
// mutant of src/ never reaches it), and without core.test.ts, which reads the source text (under Stryker, the
// instrumented text, with the code of every mutant in it) rather than running it, and without shared-budget.test.ts,
// which waits out real one-second windows (10 s for every mutant it covers) to test the client's budget, not the mock.
import { configDefaults, defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, "test/bin.test.ts", "test/core.test.ts", "test/shared-budget.test.ts"],
    },
  }),
);
