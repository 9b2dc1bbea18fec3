// Text from outside (what a server said, a caller's value) on its way to a terminal or a log line: control
// characters, line separators and bidirectional overrides are shown escaped (`\u001b`), so the text cannot clear
// a screen, set a title, forge a line or reverse what is shown. The client uses it in its messages; the CLI and the
// verifier in everything they print.

// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every character a terminal or a log viewer would act on written as a `\uXXXX` escape.
 * @internal
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
