// Text from outside (a server's error message, a connection's fields, an argument) on its way to a terminal:
// control characters, line separators and bidirectional overrides are shown escaped (`\u001b`), so a server
// cannot clear the screen, set the title, forge a line or reverse what is shown.

// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** JSON for a terminal or a pipe: JSON.stringify's output, with what it leaves raw escaped too (still valid JSON). */
export function printableJson(value: unknown): string {
  return printable(JSON.stringify(value));
}
