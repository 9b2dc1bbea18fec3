// Once per run: every public package packed and installed with npm into one project in the OS temp folder, with the
// consumers' files (fixtures/consumer and fixtures/mock-consumer), Node's types and the msw the mock server is tested
// with from the registry. tarballs.test.ts and mock-tarballs.test.ts both run in it: one npm install, not two.
// (testing-guide.test.ts keeps its own project: it installs only what docs/testing.md tells a reader to install.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ConsumerProject, createConsumerProject } from "@export-api/test-utils/consumer-project";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The shared consumer project's folder, and the packages installed there from their tarballs. */
    consumer: { dir: string; packages: string[] };
  }
}

const ROOT = join(import.meta.dirname, "../../..");
/** The msw the mock server is tested with, from the registry as a consumer gets it. */
export const MSW = JSON.parse(readFileSync(join(ROOT, "packages/mock-server/package.json"), "utf8")).devDependencies
  .msw;

let project: ConsumerProject | undefined;

export async function setup({ provide }: TestProject): Promise<void> {
  const fixtures = join(import.meta.dirname, "../fixtures");
  project = await createConsumerProject(
    [join(fixtures, "consumer"), join(fixtures, "mock-consumer")],
    ["@types/node@20", `msw@${MSW}`],
  );
  provide("consumer", { dir: project.dir, packages: project.packages.map((pkg) => pkg.name) });
}

export function teardown(): void {
  project?.remove();
}
