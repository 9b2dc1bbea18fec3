// Writes dist/openapi.json: the same document as openapi.yaml, as JSON, for consumers that cannot read YAML.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { parse } from "yaml";

const spec = parse(readFileSync(new URL("../openapi.yaml", import.meta.url), "utf8"));
mkdirSync(new URL("../dist/", import.meta.url), { recursive: true });
writeFileSync(new URL("../dist/openapi.json", import.meta.url), `${JSON.stringify(spec, null, 2)}\n`);
console.log(`spec ${spec.info.version}: dist/openapi.json written`);
