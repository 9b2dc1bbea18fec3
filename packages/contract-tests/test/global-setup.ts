// One Prism mock for the whole contract suite; teardown stops it by pid even when tests fail.
import type { TestProject } from "vitest/node";
import { type PrismProcess, startPrism } from "../src/prism.js";

let prism: PrismProcess | undefined;

export async function setup(project: TestProject) {
  prism = await startPrism({ kind: "mock" });
  project.provide("prismUrl", prism.url);
}

export async function teardown() {
  await prism?.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}
