// Bad input fails before the network, with a message that names the parameter. Bounds come from the spec.

/** `$top` bounds declared in spec/openapi.yaml. */
export const TOP_MIN = 1;
export const TOP_MAX = 1000;

export function validateBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`baseUrl must be an absolute http(s) URL, got protocol ${JSON.stringify(url.protocol)}`);
  }
  if (url.username || url.password) {
    throw new TypeError("baseUrl must not carry credentials; pass accessToken instead");
  }
  if (url.search || url.hash) {
    throw new TypeError("baseUrl must not carry a query or a fragment");
  }
  return url;
}

export function validateImodelId(imodelId: unknown): string {
  if (typeof imodelId !== "string" || imodelId.trim() === "") {
    throw new TypeError("imodelId is required and must be a non-empty string");
  }
  return imodelId;
}

export function validateTop(top: unknown, name = "top"): number | undefined {
  if (top === undefined) return undefined;
  if (typeof top !== "number" || !Number.isInteger(top) || top < TOP_MIN || top > TOP_MAX) {
    throw new RangeError(`${name} must be an integer from ${TOP_MIN} to ${TOP_MAX}, got ${String(top)}`);
  }
  return top;
}

export function validateSkip(skip: unknown): number | undefined {
  if (skip === undefined) return undefined;
  if (typeof skip !== "number" || !Number.isInteger(skip) || skip < 0) {
    throw new RangeError(`skip must be a non-negative integer, got ${String(skip)}`);
  }
  return skip;
}

export function validateNonNegativeInteger(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

export function validatePositiveNumber(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || Number.isNaN(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number of milliseconds, got ${String(value)}`);
  }
  return value;
}
