// Splitting a raw query string into parameters, the way a form decoder does (`&`, `=`, `+` as space, percent
// escapes), and naming every part that is not valid percent-encoded UTF-8 instead of guessing what it meant.

export interface Parameters {
  /** Values of each parameter by name, in order. Undecodable text is kept as sent. */
  values: ReadonlyMap<string, readonly string[]>;
  /** Names (or, when the name itself cannot be decoded, the raw part) of parameters that are not valid UTF-8. */
  malformed: readonly string[];
}

export function readParameters(query: string): Parameters {
  const values = new Map<string, string[]>();
  const malformed: string[] = [];
  if (query === "") return { values, malformed };
  for (const part of query.split("&")) {
    if (part === "") continue;
    const equals = part.indexOf("=");
    const rawName = equals === -1 ? part : part.slice(0, equals);
    const rawValue = equals === -1 ? "" : part.slice(equals + 1);
    const name = decode(rawName);
    const value = decode(rawValue);
    if (name === undefined || value === undefined) malformed.push(name ?? rawName);
    const key = name ?? rawName;
    const list = values.get(key);
    if (list) list.push(value ?? rawValue);
    else values.set(key, [value ?? rawValue]);
  }
  return { values, malformed };
}

/** The decoded text, or `undefined` for a bad escape (`%A`, `%zz`) or bytes that are not UTF-8 (`%E0%A4%A`, `%ED%A0%80`). */
function decode(text: string): string | undefined {
  if (!text.includes("%") && !text.includes("+")) return text;
  try {
    return decodeURIComponent(text.replaceAll("+", " "));
  } catch {
    return undefined;
  }
}

/** The parameters as a record for the request log: one value as a string, repeated ones as an array. */
export function parametersRecord(parameters: Parameters): Record<string, string | string[]> {
  // No prototype: a parameter named `__proto__` is just a name.
  const record: Record<string, string | string[]> = Object.create(null);
  for (const [name, list] of parameters.values) record[name] = list.length === 1 ? list[0]! : [...list];
  return record;
}
