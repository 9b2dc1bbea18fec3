// What the mock takes from the spec itself (@export-api/spec, inlined at build): the example iModel id and the
// example error body of every status the operation documents. Nothing here is copied by hand.
import spec from "@export-api/spec/openapi.json" with { type: "json" };
import type { ErrorResponse } from "@export-api/types";

type Json = { [key: string]: unknown };

/** The spec's example iModel id (`components.parameters.imodelId.example`), also the READMEs'. */
export const SPEC_EXAMPLE_IMODEL_ID: string = spec.components.parameters.imodelId.example;

/** The object a local `$ref` (`#/components/...`) points at, or the value itself when it is no reference. */
function resolve(value: unknown): Json {
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref !== "string") return value as Json;
  return ref
    .slice(2)
    .split("/")
    .reduce<Json>((node, key) => node[key] as Json, spec as unknown as Json);
}

/** The first example of a documented response, in its first media type. */
function firstExample(response: unknown): ErrorResponse | undefined {
  const content = resolve(response).content as Json | undefined;
  const media = content && (Object.values(content)[0] as Json | undefined);
  const examples = media?.examples as Json | undefined;
  const example = examples && Object.values(examples)[0];
  return example === undefined ? undefined : (resolve(example).value as ErrorResponse);
}

const responses = spec.paths["/export/connections"].get.responses as Json;

/** Status -> the spec's example error body, for every error status the operation documents (401, 403, ...). */
export const SPEC_ERROR_EXAMPLES: ReadonlyMap<number, ErrorResponse> = new Map(
  Object.entries(responses)
    .filter(([status]) => Number(status) >= 400)
    .map(([status, response]) => [Number(status), firstExample(response)] as const)
    .filter((entry): entry is readonly [number, ErrorResponse] => entry[1] !== undefined),
);
