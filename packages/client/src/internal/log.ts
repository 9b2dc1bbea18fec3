// The EXPORT_API_LOG switch: the `logger` option's lines on stderr, for a process whose code cannot be changed.

/**
 * A logger writing to stderr (`console.error`, each line prefixed `[export-api]`) as the EXPORT_API_LOG environment
 * variable says: `debug` (a line per attempt, and warnings), `info` or `warn` (warnings: a line per retry, a hook
 * that failed), `off`, unset or anything else: none. Read where the runtime has an environment (Node, Bun, Deno with
 * --allow-env); a runtime that refuses to tell counts as unset. The lines never hold a header or a token.
 */
export function envLogger(
  level: string | undefined = readEnv(),
): { debug(message: string): void; warn(message: string): void } | undefined {
  const debug = level === "debug";
  if (!debug && level !== "info" && level !== "warn") return undefined;
  const write = (message: string) => console.error(`[export-api] ${message}`);
  return { debug: debug ? write : () => {}, warn: write };
}

function readEnv(): string | undefined {
  try {
    return (
      globalThis as { process?: { env?: Record<string, string | undefined> } }
    ).process?.env?.EXPORT_API_LOG?.trim().toLowerCase();
  } catch {
    // Deno without --allow-env throws: no switch there.
    return undefined;
  }
}
