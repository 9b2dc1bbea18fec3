#!/usr/bin/env node
// `pnpm release:rehearse`: the release, for real, against a throwaway registry.
//
// In a scratch clone of this repository's HEAD (the working tree, its .npmrc and the developer's npm config are
// never touched), with a Verdaccio on loopback whose storage, users and token live in a temp folder:
//   round 1  `pnpm version-packages`, build, `changeset publish` of every public package; a consumer project
//            outside the workspace installs @export-api/client and the mock server by caret ranges and lists
//            connections from the mock with the client;
//   round 2  a breaking spec change ($top's maximum halved) with the major changeset the contract gate asks for,
//            versioned and published the same way; the consumer's `npm update` keeps the old major, a fresh
//            install of the new major gets the new contract.
// Each round prints what it published and what was installed. Verdaccio is stopped by its pid and the temp
// folder removed, also on failure. Not part of `pnpm test`: it needs the npm registry (Verdaccio, and the
// client's dependencies through its proxy) and takes a few minutes.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConsumer } from "../src/rehearsal/consumer.mjs";
import { cleanEnv, run } from "../src/rehearsal/run.mjs";
import { addUser, installVerdaccio, startVerdaccio, VERDACCIO_VERSION } from "../src/rehearsal/verdaccio.mjs";
import { findRoot, publicPackages, SPEC_FILE } from "../src/workspace.mjs";

const started = Date.now();
const root = findRoot();
const work = mkdtempSync(join(tmpdir(), "export-api-rehearsal-"));
const say = (line = "") => console.log(line);
let registry;

// Interrupted: stop Verdaccio and remove the temp folder all the same.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    console.error(`\n${signal}: stopping the rehearsal`);
    await cleanUp();
    process.exit(130);
  });
}

try {
  say(`release rehearsal in ${work}`);
  const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: root, encoding: "utf8" }).trim();
  if (dirty) say("note: uncommitted changes are not rehearsed; the scratch clone has HEAD only");

  mkdirSync(join(work, "registry"));
  say(`\n== registry: Verdaccio ${VERDACCIO_VERSION}, installed with npm into the temp folder`);
  const bin = await installVerdaccio(join(work, "registry"));
  registry = await startVerdaccio(bin, join(work, "registry"));
  const token = await addUser(registry.url, "rehearsal");
  // The only npm config the publishing and installing commands read: the throwaway registry and its token.
  const npmrc = join(work, ".npmrc");
  writeFileSync(npmrc, `registry=${registry.url}\n//${new URL(registry.url).host}/:_authToken=${token}\n`);
  const registryEnv = cleanEnv({
    npm_config_userconfig: npmrc,
    npm_config_registry: registry.url,
    npm_config_cache: join(work, "npm-cache"),
  });
  say(`listening on ${registry.url} (pid ${registry.pid}), storage in ${join(work, "registry/storage")}`);

  const repo = join(work, "repo");
  say("\n== scratch clone");
  await run("git", ["clone", "--quiet", root, repo]);
  const git = (...args) => run("git", args, { cwd: repo });
  await git("config", "user.email", "rehearsal@example.invalid");
  await git("config", "user.name", "release rehearsal");
  say(`HEAD ${(await git("rev-parse", "--short", "HEAD")).trim()}; pnpm install --frozen-lockfile`);
  await run("pnpm", ["install", "--frozen-lockfile", "--prefer-offline", "--reporter=silent"], {
    cwd: repo,
    env: cleanEnv(),
  });
  withoutProvenance(repo);

  // Round 1: what is pending now, released.
  say("\n== round 1: version, build, publish");
  const first = await release(repo, registryEnv, git, "Version packages (rehearsal round 1)");
  const clientRange = `^${first.get("@export-api/client")}`;
  const mockRange = `^${first.get("@export-api/mock-server")}`;
  const consumer = await createConsumer(
    join(work, "consumer"),
    { "@export-api/client": clientRange, "@export-api/mock-server": mockRange },
    registryEnv,
  );
  printInstalled("consumer installed", consumer.installed());
  const before = await consumer.list();
  say(`consumer ran: ${JSON.stringify(before)}`);
  expect(before.connections === 25, "the consumer lists every connection of the mock, page by page");

  // Round 2: a breaking spec change, through the gate, released as a major.
  say("\n== round 2: a breaking spec change ($top's maximum halved) with its major changeset");
  const oldMax = halveTopMaximum(repo);
  await run("pnpm", ["build", "--output-logs=errors-only"], { cwd: repo, env: cleanEnv() });
  await run("pnpm", ["api:update"], { cwd: repo, env: cleanEnv() });
  const ungated = await run("pnpm", ["check:contract"], { cwd: repo, env: cleanEnv() }).then(
    () => "passed",
    (error) => error.message,
  );
  expect(ungated !== "passed", "check:contract fails on the breaking change before a changeset covers it");
  const asked = ungated.match(/Run `pnpm changeset` and choose (.*)\./)?.[1];
  say(`check:contract without a changeset fails, and asks: ${asked}`);
  const majors = ["@export-api/spec", "@export-api/types", "@export-api/client", "@export-api/mock-server"];
  writeFileSync(
    join(repo, ".changeset/rehearsal-top-maximum.md"),
    `---\n${majors.map((name) => `"${name}": major`).join("\n")}\n---\n\n\`$top\` is at most ${Math.floor(oldMax / 2)} (was ${oldMax}).\n`,
  );
  await run("pnpm", ["check:contract"], { cwd: repo, env: cleanEnv() });
  say(`check:contract passes with a major changeset for ${majors.join(", ")}`);
  await git("add", "-A");
  await git("commit", "--quiet", "-m", "Breaking: halve $top's maximum (rehearsal)");
  const second = await release(repo, registryEnv, git, "Version packages (rehearsal round 2)", first);
  const newClient = second.get("@export-api/client");
  expect(major(newClient) > major(first.get("@export-api/client")), "round 2 published a new major of the client");

  await consumer.update();
  printInstalled("existing consumer after npm update", consumer.installed());
  const updated = await consumer.list();
  say(`existing consumer ran: ${JSON.stringify(updated)}`);
  expect(updated.client === before.client && updated.TOP_MAX === oldMax, "npm update keeps the old major");
  expect(updated.top600.startsWith("accepted"), "the old major still sends $top=600");

  const fresh = await createConsumer(
    join(work, "fresh-consumer"),
    { "@export-api/client": `^${newClient}`, "@export-api/mock-server": `^${second.get("@export-api/mock-server")}` },
    registryEnv,
  );
  printInstalled("fresh consumer installed", fresh.installed());
  const after = await fresh.list();
  say(`fresh consumer ran: ${JSON.stringify(after)}`);
  expect(
    after.client === newClient && after.TOP_MAX === Math.floor(oldMax / 2),
    "a fresh install of the new major has the new bound",
  );
  expect(after.top600.startsWith("refused: RangeError"), "the new major refuses $top=600 before sending it");

  say(`\nrelease rehearsal passed in ${Math.round((Date.now() - started) / 1000)} s`);
} catch (error) {
  console.error(`\nrelease rehearsal FAILED: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}

async function cleanUp() {
  if (registry) {
    await registry.stop();
    say(`Verdaccio (pid ${registry.pid}) ${isRunning(registry.pid) ? "is STILL RUNNING" : "stopped"}`);
    registry = undefined;
  }
  rmSync(work, { recursive: true, force: true });
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `pnpm version-packages`, build, commit, then the real `changeset publish` against the rehearsal registry.
 * Prints what it published (the versions that differ from `previous`); returns every public package's version as
 * the registry now has it.
 */
async function release(repo, registryEnv, git, message, previous = new Map()) {
  const versioned = await run("pnpm", ["version-packages"], { cwd: repo, env: cleanEnv() });
  if (!versioned.includes("released baseline"))
    throw new Error(`version-packages did not refresh released/:\n${versioned}`);
  await run("pnpm", ["build", "--output-logs=errors-only"], { cwd: repo, env: cleanEnv() });
  await git("add", "-A");
  await git("commit", "--quiet", "-m", message);
  await run("pnpm", ["exec", "changeset", "publish"], { cwd: repo, env: registryEnv });
  const versions = new Map();
  for (const { name } of publicPackages(repo)) {
    const version = JSON.parse(await run("npm", ["view", name, "version", "--json"], { cwd: repo, env: registryEnv }));
    versions.set(name, version);
  }
  const published = [...versions].filter(([name, version]) => previous.get(name) !== version);
  say(`published: ${published.map(([name, version]) => `${name}@${version}`).join(", ") || "(nothing new)"}`);
  return versions;
}

/**
 * The manifests ask for provenance, which needs a CI provider's OIDC identity and a public transparency log: a
 * local registry has neither, so npm would refuse to publish. The scratch clone publishes without it; the real
 * manifests keep `provenance: true` for CI.
 */
function withoutProvenance(repo) {
  const changed = [];
  for (const { dir, manifest } of publicPackages(repo)) {
    if (manifest.publishConfig?.provenance === undefined) continue;
    delete manifest.publishConfig.provenance;
    writeFileSync(join(repo, dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    changed.push(manifest.name);
  }
  say(`provenance: dropped from publishConfig in the scratch clone (${changed.length} manifests); CI keeps it`);
}

/** Halves the spec's `$top` maximum in the scratch clone; returns the old maximum. */
function halveTopMaximum(repo) {
  const file = join(repo, SPEC_FILE);
  const text = readFileSync(file, "utf8");
  const match = text.match(/( {4}top:\n(?: {6}.*\n)*? {8}maximum: )(\d+)/);
  if (!match) throw new Error(`no $top maximum in ${SPEC_FILE}`);
  const old = Number(match[2]);
  writeFileSync(file, text.replace(match[0], `${match[1]}${Math.floor(old / 2)}`));
  return old;
}

function printInstalled(what, installed) {
  say(`${what}: ${installed.map(({ name, range, version }) => `${name}@${version} (${range})`).join(", ")}`);
}

function major(version) {
  return Number(version.split(".")[0]);
}

function expect(condition, what) {
  if (!condition) throw new Error(`expected: ${what}`);
  say(`ok: ${what}`);
}
