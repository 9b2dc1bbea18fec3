// docs/observability.md, run as written (helpers/guide.ts says how each fenced block is run): the debug switch, the
// hooks and the OpenTelemetry entry of the packed client, with OpenTelemetry's own SDK from the registry.
import { describeGuide } from "./helpers/guide.js";

describeGuide("docs/observability.md", {
  testFiles: 2,
  installs: ["@export-api/client", "@export-api/mock-server", "@opentelemetry/api@1.9.1"],
});
