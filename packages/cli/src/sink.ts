// Where an inventory's rows go: stdout, or --output FILE, appended and flushed to disk batch by batch, so the
// bytes a checkpoint vouches for are on disk before the checkpoint says so. On resume the file is cut back to
// those bytes: rows written after the last checkpoint (a kill between the two writes) are dropped and listed again.
import { type FileHandle, open } from "node:fs/promises";
import type { Writable } from "node:stream";
import { UsageError } from "./args.js";
import { write } from "./output.js";

export interface Sink {
  /** The output file (as given), or undefined for stdout. */
  readonly file: string | undefined;
  /** Bytes written so far (stdout: counted, not vouched for). */
  readonly bytes: number;
  /** Writes the text; a file's is on disk when this resolves. */
  append(text: string): Promise<void>;
  close(): Promise<void>;
}

export async function openSink(file: string | undefined, keepBytes: number, stdout: Writable): Promise<Sink> {
  if (file === undefined) {
    let bytes = 0;
    return {
      file,
      get bytes() {
        return bytes;
      },
      append: async (text) => {
        bytes += Buffer.byteLength(text);
        await write(stdout, text);
      },
      close: async () => {},
    };
  }
  let handle: FileHandle;
  try {
    handle = await open(file, keepBytes > 0 ? "r+" : "w", 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && keepBytes > 0) throw shorter(file, 0, keepBytes);
    throw new UsageError(`--output ${file}: cannot open it for writing (${code ?? error})`);
  }
  const { size } = await handle.stat();
  if (size < keepBytes) {
    await handle.close();
    throw shorter(file, size, keepBytes);
  }
  await handle.truncate(keepBytes);
  await handle.sync();
  let bytes = keepBytes;
  return {
    file,
    get bytes() {
      return bytes;
    },
    append: async (text) => {
      const buffer = Buffer.from(text);
      let written = 0;
      while (written < buffer.length) {
        written += (await handle.write(buffer, written, buffer.length - written, bytes + written)).bytesWritten;
      }
      await handle.sync();
      bytes += buffer.length;
    },
    close: () => handle.close(),
  };
}

function shorter(file: string, size: number, keepBytes: number): UsageError {
  return new UsageError(
    `--output ${file} has ${size} bytes, fewer than the ${keepBytes} its checkpoint vouches for: it is not this job's output. Delete the checkpoint to start over`,
  );
}
