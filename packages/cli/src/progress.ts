// Progress of --all on stderr, only when stderr is a terminal: one line, rewritten after each page.
import type { Writable } from "node:stream";

export interface Progress {
  page(pages: number, connections: number): void;
  done(pages: number, connections: number): void;
}

const SILENT: Progress = { page() {}, done() {} };

export function createProgress(stderr: Writable, isTTY: boolean): Progress {
  if (!isTTY) return SILENT;
  const text = (pages: number, connections: number) =>
    `${pages} page${pages === 1 ? "" : "s"}, ${connections} connection${connections === 1 ? "" : "s"}`;
  return {
    page: (pages, connections) => stderr.write(`\r\x1b[Kfetching... ${text(pages, connections)}`),
    done: (pages, connections) => stderr.write(`\r\x1b[Kfetched ${text(pages, connections)}\n`),
  };
}
