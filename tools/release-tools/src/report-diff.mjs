// What a change of an API report (API Extractor's `*.api.md`) means for semver. A report lists each declaration of
// an entry point as a block of lines; this compares the released report with the current one block by block:
//   a declaration removed                                   -> major  (removed)
//   a declaration added                                     -> minor  (added)
//   a declaration that only gained lines (a member, a method) -> minor  (extended)
//   an optional member that now also says `| undefined`     -> minor  (the same type, wider under
//                                                                      exactOptionalPropertyTypes)
//   any other change of a declaration's code                -> major  (changed: the report shows the declaration,
//                                                                      not whether it got wider or narrower)
// Comment lines (`// @public`, `// (undocumented)`) are documentation and need no bump. A declaration marked
// `// @internal` (the client's `./internal` entry: the workspace's shared rules) carries no semver promise: its
// changes are listed as internal and need no bump, but a public declaration that becomes internal is removed from
// the public API (major), and an internal one made public is added (minor).

/**
 * The declarations of a report by name, the names marked `@internal` (every block of the name says so), and the
 * packages it imports types from.
 */
export function parseReport(text) {
  const code = text.match(/```ts\n([\s\S]*?)```/)?.[1] ?? "";
  const declarations = new Map();
  const internal = new Map(); // name -> whether every block of it is marked @internal
  const imports = new Set();
  for (const block of code.split(/\n\s*\n/)) {
    const lines = block.split("\n").filter((line) => line.trim() !== "");
    for (const line of lines) {
      const from = line.match(/^import .* from '([^']+)';$/)?.[1];
      if (from) imports.add(from);
    }
    const codeLines = lines.filter((line) => !line.trimStart().startsWith("//") && !line.startsWith("import "));
    if (codeLines.length === 0) continue;
    const name = declarationName(codeLines[0]);
    const previous = declarations.get(name);
    // Overloads are separate blocks of one name: keep them together.
    declarations.set(name, previous ? [...previous, ...codeLines] : codeLines);
    const marked = lines.some((line) => /^\/\/ @internal\b/.test(line.trim()));
    internal.set(name, (internal.get(name) ?? true) && marked);
  }
  return {
    declarations,
    internal: new Set([...internal].filter(([, marked]) => marked).map(([name]) => name)),
    imports,
  };
}

/** `export function f(` -> `f`; `export { X }` -> `X`; `interface PageQuery {` -> `PageQuery`. */
function declarationName(line) {
  const reexport = line.match(/^export \{ (.+) \}/);
  if (reexport) return reexport[1];
  const declared = line.match(
    /^(?:export )?(?:declare )?(?:abstract )?(?:const|let|var|function|class|interface|type|enum|namespace) ([\w$]+)/,
  );
  return declared ? declared[1] : line.trim();
}

/**
 * The changes from the `before` report to the `after` report, each `{ level, name, summary }` with `level`
 * "major" or "minor". A report that did not exist before (a new entry point) is all additions.
 */
export function compareReports(before, after) {
  const { declarations: old, internal: wasInternal } = parseReport(before ?? "");
  const { declarations: now, internal: isInternal } = parseReport(after ?? "");
  const changes = [];
  const internal = (name, change) =>
    change && changes.push({ name, level: "none", summary: `internal, no semver promise: ${change.summary}` });
  for (const [name, lines] of old) {
    if (now.has(name)) continue;
    const change = { level: "major", summary: `removed: ${lines[0]}` };
    if (wasInternal.has(name)) internal(name, change);
    else changes.push({ name, ...change });
  }
  for (const [name, lines] of now) {
    const previous = old.get(name);
    if (!previous) {
      const change = { level: "minor", summary: `added: ${lines[0]}` };
      if (isInternal.has(name)) internal(name, change);
      else changes.push({ name, ...change });
    } else if (isInternal.has(name) && wasInternal.has(name)) {
      internal(name, compareDeclaration(previous, lines));
    } else if (isInternal.has(name)) {
      changes.push({ name, level: "major", summary: `made internal, so removed from the public API: ${lines[0]}` });
    } else if (wasInternal.has(name)) {
      changes.push({ name, level: "minor", summary: `made public, so added: ${lines[0]}` });
    } else {
      const change = compareDeclaration(previous, lines);
      if (change) changes.push({ name, ...change });
    }
  }
  return changes;
}

/** One declaration's change, or `undefined` when its code is the same (perhaps reordered). */
function compareDeclaration(before, after) {
  const removed = without(before, after);
  const added = without(after, before);
  if (removed.length === 0 && added.length === 0) return undefined;
  if (removed.length === 0) return { level: "minor", summary: `extended: ${added.map((l) => l.trim()).join(" ")}` };
  const widened = removed.every((line) => added.includes(acceptingUndefined(line)));
  if (widened && added.length === removed.length) {
    return { level: "minor", summary: `optional members also accept undefined: ${trimmed(added)}` };
  }
  return { level: "major", summary: `changed: ${trimmed(removed)} -> ${trimmed(added) || "(nothing)"}` };
}

/** `    top?: number;` -> `    top?: number | undefined;` (the line unchanged when it is not an optional member). */
function acceptingUndefined(line) {
  const member = line.match(/^(\s*(?:readonly )?[\w$"']+\?: )(.+);$/);
  if (!member || member[2].endsWith("| undefined")) return line;
  // A function type needs parentheses before a union: `((request: Request) => Promise<Response>) | undefined`.
  const type = member[2].includes("=>") ? `(${member[2]})` : member[2];
  return `${member[1]}${type} | undefined;`;
}

/** The lines of `lines` that `other` does not have (as a multiset: a repeated line counts each time). */
function without(lines, other) {
  const left = [...other];
  return lines.filter((line) => {
    const index = left.indexOf(line);
    if (index === -1) return true;
    left.splice(index, 1);
    return false;
  });
}

function trimmed(lines) {
  return lines.map((line) => line.trim()).join(" ");
}
