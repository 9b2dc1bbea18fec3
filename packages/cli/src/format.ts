// The three output formats, each written connection by connection: a fixed-width table, one JSON array,
// or newline-delimited JSON. None holds more than the row it writes.
import type { Writable } from "node:stream";
import type { ExportConnection } from "@export-api/client";
import { printable } from "@export-api/client/internal";
import type { Format } from "./args.js";
import { write } from "./output.js";

export interface Summary {
  connections: number;
  pages: number;
  /** True when there are pages after the last one written (a single page with a next link). */
  more: boolean;
}

export interface ConnectionWriter {
  begin(): Promise<void>;
  row(connection: ExportConnection): Promise<void>;
  end(summary: Summary): Promise<void>;
}

export function createWriter(format: Format, out: Writable): ConnectionWriter {
  if (format === "json") return jsonArray(out);
  if (format === "ndjson") return ndjson(out);
  return table(out);
}

function ndjson(out: Writable): ConnectionWriter {
  return {
    begin: async () => {},
    row: (connection) => write(out, `${printableJson(connection)}\n`),
    end: async () => {},
  };
}

function jsonArray(out: Writable): ConnectionWriter {
  let first = true;
  return {
    begin: () => write(out, "["),
    row: (connection) => {
      const separator = first ? "\n  " : ",\n  ";
      first = false;
      return write(out, `${separator}${printableJson(connection)}`);
    },
    end: () => write(out, first ? "]\n" : "\n]\n"),
  };
}

/** Columns of the table; a longer displayName is cut with an ellipsis, ids are never cut. */
const COLUMNS = [
  { title: "id", width: 43, cut: false, value: (c: ExportConnection) => c.id },
  { title: "displayName", width: 40, cut: true, value: (c: ExportConnection) => c.displayName },
  { title: "authenticationType", width: 18, cut: false, value: (c: ExportConnection) => c.authenticationType },
  { title: "iTwinId", width: 36, cut: false, value: (c: ExportConnection) => c.iTwinId },
] as const;

function table(out: Writable): ConnectionWriter {
  const line = (cells: string[]) => `${cells.join("  ").trimEnd()}\n`;
  return {
    begin: () =>
      write(
        out,
        line(COLUMNS.map((column) => column.title.padEnd(column.width))) +
          line(COLUMNS.map((column) => "-".repeat(column.width))),
      ),
    row: (connection) =>
      write(out, line(COLUMNS.map((column) => cell(String(column.value(connection) ?? ""), column.width, column.cut)))),
    end: ({ connections, pages, more }) => {
      const counted = `${connections} connection${connections === 1 ? "" : "s"}`;
      const paged = pages > 1 ? ` in ${pages} pages` : "";
      const hint = more ? "; more on the next pages: add --all" : "";
      return write(out, `\n${counted}${paged}${hint}\n`);
    },
  };
}

/** One cell: made printable (a terminal's escape sequences shown escaped), padded or cut. */
function cell(raw: string, width: number, cut: boolean): string {
  const text = printable(raw);
  if (cut && text.length > width) return `${text.slice(0, width - 1)}…`;
  return text.padEnd(width);
}

/** JSON for a terminal or a pipe: JSON.stringify's output with what it leaves raw escaped too (still valid JSON). */
export function printableJson(value: unknown): string {
  return printable(JSON.stringify(value));
}
