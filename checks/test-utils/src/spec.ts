// The spec as published (@export-api/spec/openapi.json), and Ajv validators of its schemas: OpenAPI 3.1 schemas
// are JSON Schema 2020-12.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";

const require = createRequire(import.meta.url);

/** The bundled spec, parsed. */
export const spec = JSON.parse(readFileSync(require.resolve("@export-api/spec/openapi.json"), "utf8"));

const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS with a `default` property; under NodeNext its default import is the module object.
(formats as unknown as typeof formats.default)(ajv);
ajv.addSchema({ $id: "spec", components: spec.components });

export interface Validation {
  valid: boolean;
  /** Ajv's errors as JSON, to show in a failed assertion. */
  errors: string;
}

/** A validator of one schema of `components.schemas`. */
export function schemaValidator(name: string): (body: unknown) => Validation {
  const validate = ajv.getSchema(`spec#/components/schemas/${name}`);
  if (!validate) throw new Error(`the spec has no schema ${name}`);
  return (body) => ({ valid: validate(body) as boolean, errors: JSON.stringify(validate.errors) });
}

export const validatePage = schemaValidator("ExportConnectionsResponse");
export const validateError = schemaValidator("ErrorResponse");
