// docs/testing.md, run as written (helpers/guide.ts says how each fenced block is run).
import { describeGuide } from "./helpers/guide.js";

describeGuide("docs/testing.md", {
  testFiles: 5,
  installs: ["@export-api/client", "@export-api/mock-server", "@export-api/usage"],
});
