// export-connections list: one page, or every page with --all, written as it arrives.
import type { Writable } from "node:stream";
import { printable } from "@export-api/client/internal";
import type { ListOptions } from "./args.js";
import { createWriter } from "./format.js";
import { write } from "./output.js";
import { createProgress } from "./progress.js";
import type { Target } from "./target.js";

export interface ListIo {
  stdout: Writable;
  stderr: Writable;
  stderrIsTTY: boolean;
}

export async function list(options: ListOptions, target: Target, io: ListIo): Promise<void> {
  if (target.mock) {
    await write(
      io.stderr,
      `No --base-url: listing iModel ${printable(target.imodelId)} from an embedded mock server at ${target.baseUrl}\n`,
    );
  }
  const { client } = target;
  const writer = createWriter(options.format, io.stdout);

  if (!options.all) {
    const page = await client.getExportConnections({ imodelId: target.imodelId, top: options.top });
    await writer.begin();
    for (const connection of page.connections) await writer.row(connection);
    await writer.end({ connections: page.connections.length, pages: 1, more: Boolean(page._links?.next) });
    return;
  }

  const progress = createProgress(io.stderr, io.stderrIsTTY);
  let pages = 0;
  let connections = 0;
  const iterable = client.iterateExportConnections({ imodelId: target.imodelId, pageSize: options.top });
  for await (const page of iterable.pages()) {
    // Nothing reaches stdout before the first page has arrived, so a failed first request prints no header.
    if (pages === 0) await writer.begin();
    pages++;
    for (const connection of page.connections) await writer.row(connection);
    connections += page.connections.length;
    progress.page(pages, connections);
  }
  progress.done(pages, connections);
  await writer.end({ connections, pages, more: false });
}
