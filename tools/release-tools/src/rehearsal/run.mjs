// Running a command of the rehearsal: its output is collected, and shown in full only when it fails.
import { spawn } from "node:child_process";

/**
 * Runs `command args` in `cwd`; resolves with its stdout. Rejects with the command, its exit code and its whole
 * output when it fails, so a failed step says why.
 */
export function run(command, args, { cwd, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let output = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.once("error", reject);
    child.once("close", (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`\`${command} ${args.join(" ")}\` in ${cwd} exited ${code}:\n${output}`));
    });
  });
}

/** npm settings a developer or CI may set in the environment, which installs from the npm registry keep. */
const KEPT_NPM_VARIABLES = new Set(["npm_config_registry", "npm_config_cache", "npm_config_userconfig"]);

/**
 * The environment without the `npm_*` variables pnpm sets for its scripts (they would tell npm and pnpm in
 * another project about this one), plus `extra`.
 */
export function cleanEnv(extra = {}) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => {
      const lower = name.toLowerCase();
      return !lower.startsWith("npm_") || KEPT_NPM_VARIABLES.has(lower);
    }),
  );
  return { ...env, TURBO_TELEMETRY_DISABLED: "1", ...extra };
}
