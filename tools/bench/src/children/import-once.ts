// One cold `await import()` in a fresh process: nothing is imported before it, so the module, its dependencies
// and their evaluation are all timed. Usage: node import-once.js <specifier>; prints `{"ms": ...}`.
const specifier = process.argv[2];
if (!specifier) {
  process.stderr.write("usage: import-once.js <specifier>\n");
  process.exit(2);
}
const started = performance.now();
await import(specifier);
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ ms })}\n`);
