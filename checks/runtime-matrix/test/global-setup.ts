// Once per run: pack the client (and the types it depends on) and install the tarballs with npm into a project in
// the OS temp folder, with the fixtures' scripts and undici 7 (the proxy recipe's package for Node 20; undici 8
// needs Node 22.19). Every runtime runs the same installed files.
import { join } from "node:path";
import { type ConsumerProject, createConsumerProject } from "@export-api/test-utils/consumer-project";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The consumer project's folder. */
    consumerDir: string;
  }
}

/** The undici the README's recipe for Node 20 installs. */
export const UNDICI_FOR_NODE_20 = "undici@7.30.2";

let project: ConsumerProject | undefined;

export async function setup({ provide }: TestProject): Promise<void> {
  project = await createConsumerProject(
    join(import.meta.dirname, "../fixtures/consumer"),
    [UNDICI_FOR_NODE_20],
    ["@export-api/types", "@export-api/client"],
  );
  provide("consumerDir", project.dir);
}

export function teardown(): void {
  project?.remove();
}
