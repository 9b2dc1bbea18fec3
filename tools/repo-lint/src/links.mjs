// `pnpm lint`'s Markdown check: every relative link and image of the repository's documentation points to a file
// that exists, and every `#anchor` to a heading that exists, in the same file or the one linked
// (remark-validate-links, offline: URLs on the web are not fetched). A renamed file or heading fails the build.
import { execFileSync } from "node:child_process";
import { PassThrough } from "node:stream";
import { remark } from "remark";
import remarkGfm from "remark-gfm";
import remarkValidateLinks from "remark-validate-links";
import { engine } from "unified-engine";
import { REPO_ROOT } from "./workspace.mjs";

/**
 * The documentation: every Markdown file git tracks, but what tools write (changelogs, API reports, the released
 * baseline) and the pending changesets, which are release notes rather than pages.
 */
export function documentationFiles(root = REPO_ROOT) {
  const tracked = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "*.md"], {
    cwd: root,
    encoding: "utf8",
  });
  return tracked
    .split("\0")
    .filter((file) => file !== "")
    .filter((file) => !/(^|\/)(CHANGELOG\.md|api\/[^/]+\.api\.md)$|^released\/|^\.changeset\//.test(file));
}

/** Checks `files` (paths relative to `root`); resolves `{ ok, report }`, the report as remark prints it. */
export function checkLinks(root = REPO_ROOT, files = documentationFiles(root)) {
  let report = "";
  const streamError = new PassThrough();
  streamError.on("data", (chunk) => {
    report += chunk;
  });
  return new Promise((resolve, reject) => {
    engine(
      {
        // Given as the engine's plugins, not pre-attached to the processor: only then does remark-validate-links see the
        // whole file set and check `other.md#heading` links too.
        processor: remark,
        plugins: [remarkGfm, [remarkValidateLinks, { repository: false }]],
        files,
        cwd: root,
        extensions: ["md"],
        output: false,
        out: false,
        quiet: true,
        frail: true,
        color: false,
        streamError,
      },
      (error, code) => (error ? reject(error) : resolve({ ok: code === 0, report })),
    );
  });
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const files = documentationFiles();
  const { ok, report } = await checkLinks(REPO_ROOT, files);
  process.stderr.write(report);
  if (ok) console.log(`Links: ${files.length} Markdown files, every local link and anchor resolves.`);
  process.exitCode = ok ? 0 : 1;
}
