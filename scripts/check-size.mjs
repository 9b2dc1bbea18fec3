// Size budget of a package's browser bundle: bundles the BUILT ESM entry with its runtime dependencies
// (as an app's bundler would), minifies it and gzips it, then fails if the result is over the budget.
// Usage, from a package folder: node ../../scripts/check-size.mjs <entry> <budget in bytes>
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const [entry, budgetArg] = process.argv.slice(2);
const budget = Number(budgetArg);
if (!entry || !Number.isInteger(budget) || budget <= 0) {
  console.error("usage: check-size.mjs <built ESM entry> <budget in bytes>");
  process.exit(2);
}

const result = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  write: false,
  metafile: true,
  logLevel: "error",
});
const code = result.outputFiles[0].contents;
const gzipped = gzipSync(code, { level: 9 }).length;
const inputs = Object.keys(result.metafile.inputs);
const bundled = [
  ...new Set(inputs.map((path) => path.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? "(own code)")),
];

const kB = (bytes) => `${(bytes / 1024).toFixed(2)} kB`;
console.log(
  `${entry}: ${kB(code.length)} minified, ${kB(gzipped)} (${gzipped} B) min+gzip; budget ${kB(budget)} (${budget} B)`,
);
console.log(`bundled: ${bundled.join(", ")}`);
if (gzipped > budget) {
  console.error(`over budget by ${gzipped - budget} B: shrink the bundle or raise the budget on purpose`);
  process.exit(1);
}
