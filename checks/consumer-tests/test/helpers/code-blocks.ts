// The fenced code blocks of a Markdown file, with their info strings: "```ts file=src/a.ts" gives
// { language: "ts", info: ["file=src/a.ts"], code, line }.

export interface CodeBlock {
  language: string;
  /** The words after the language: what the guide's test does with the block. */
  info: string[];
  code: string;
  /** The line of the opening fence, 1-based, for messages. */
  line: number;
}

export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let open: { language: string; info: string[]; line: number; lines: string[] } | undefined;
  markdown.split("\n").forEach((text, index) => {
    if (open === undefined) {
      const fence = /^```(\S*)\s*(.*)$/.exec(text);
      if (fence)
        open = { language: fence[1]!, info: fence[2]!.split(/\s+/).filter(Boolean), line: index + 1, lines: [] };
    } else if (text === "```") {
      blocks.push({ language: open.language, info: open.info, code: `${open.lines.join("\n")}\n`, line: open.line });
      open = undefined;
    } else {
      open.lines.push(text);
    }
  });
  if (open) throw new Error(`the code block at line ${open.line} is never closed`);
  return blocks;
}

/** The packages an install block names: every argument of its `npm install` lines that is not a flag. */
export function installedPackages(block: CodeBlock): string[] {
  return block.code
    .split("\n")
    .filter((line) => line.startsWith("npm install "))
    .flatMap((line) => line.slice("npm install ".length).split(/\s+/))
    .filter((word) => word !== "" && !word.startsWith("-"));
}
