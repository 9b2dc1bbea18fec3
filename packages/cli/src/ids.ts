// The iModels of an inventory: every --imodel-id, then the lines of --imodel-ids (a file, or stdin for "-"), each
// checked by the client's rule and the spec's id pattern (a GUID), and kept once in any case. A bad id is a usage
// error naming its line; the whole list is read before the first request: the checkpoint names the job by its hash.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import type { ExportClient } from "@export-api/client";
import { printable } from "@export-api/client/internal";
import { isImodelId } from "@export-api/types";
import { UsageError } from "./args.js";

export interface ImodelList {
  /** Each iModel once, in the order given (the first spelling of an id given twice). */
  ids: string[];
  /** Ids given again (in any case) and skipped. */
  duplicates: number;
}

/** An id as given, and where: "--imodel-id" or "--imodel-ids FILE, line N". */
export interface GivenId {
  id: string;
  where: string;
}

/** Reads the ids of `--imodel-id` and `--imodel-ids`, unchecked (checkImodelIds checks them). */
export async function readImodelIds(
  flags: readonly string[],
  file: string | undefined,
  stdin: Readable | undefined,
): Promise<GivenId[]> {
  const given: GivenId[] = flags.map((id) => ({ id, where: "--imodel-id" }));
  if (file === undefined) return given;
  const name = file === "-" ? "stdin" : file;
  const lines = (await readText(file, stdin)).split("\n");
  lines.forEach((raw, index) => {
    const id = raw.trim();
    if (id !== "" && !id.startsWith("#")) given.push({ id, where: `--imodel-ids ${name}, line ${index + 1}` });
  });
  if (given.length === flags.length) throw new UsageError(`--imodel-ids ${name} holds no iModel id`);
  return given;
}

/**
 * Each id checked by the client's rule (creating an iterable sends nothing) and the spec's id pattern (a GUID),
 * and kept once in any case. A bad id is a usage error naming where it was given.
 */
export function checkImodelIds(given: readonly GivenId[], client: ExportClient, pageSize?: number): ImodelList {
  const list: ImodelList = { ids: [], duplicates: 0 };
  const seen = new Set<string>();
  for (const { id, where } of given) {
    try {
      client.iterateExportConnections({ imodelId: id, pageSize });
    } catch (error) {
      throw new UsageError(`${where}${(error as Error).message.replace(/^imodelId/, "")}`);
    }
    if (!isImodelId(id)) {
      throw new UsageError(`${where} must be an iModel id (a GUID), got ${JSON.stringify(printable(id).slice(0, 80))}`);
    }
    const key = id.toLowerCase();
    if (seen.has(key)) list.duplicates++;
    else list.ids.push(id);
    seen.add(key);
  }
  return list;
}

async function readText(file: string, stdin: Readable | undefined): Promise<string> {
  if (file !== "-") {
    try {
      return await readFile(file, "utf8");
    } catch (error) {
      throw new UsageError(`--imodel-ids ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? error})`);
    }
  }
  if (stdin === undefined) throw new UsageError("--imodel-ids -: there is no stdin to read");
  let text = "";
  for await (const chunk of stdin) text += chunk.toString();
  return text;
}

/** The job's iModels as the checkpoint names them: a SHA-256 of the ids, lower-cased and sorted, one a line. */
export function hashImodelIds(ids: readonly string[]): string {
  const hash = createHash("sha256");
  for (const id of ids.map((id) => id.toLowerCase()).sort()) hash.update(`${id}\n`);
  return hash.digest("hex");
}
