// The usage text of export-connections (--help), with the exit codes the command keeps.
import { TOP_MAX, TOP_MIN } from "@export-api/client";

export const USAGE = `Usage: export-connections list [--imodel-id ID] [--top N] [--all] [--format table|json|ndjson]
                               [--base-url URL] [--token T] [--timeout-ms MS] [--max-retries N] [--verbose]
       export-connections list (--imodel-id ID ... | --imodel-ids FILE|-) [--concurrency N]
                               [--output FILE] [--checkpoint FILE] [--top N] [--base-url URL] ...

Lists the export connections of an iModel (GET /export/connections of the Bentley iTwin Platform Export API),
or of many iModels: an inventory.

Without --base-url it starts an embedded mock server and lists from it: --imodel-id defaults to the mock's
first iModel (an inventory without ids lists every iModel of the mock) and no token is needed. With --base-url
(e.g. https://api.bentley.com) the access token comes from --token or the EXPORT_API_TOKEN environment variable.

Options:
  --imodel-id ID   the iModel whose connections are listed (a GUID); repeat it for several iModels
  --top N          page size, ${TOP_MIN} to ${TOP_MAX} (default: the server's, 100)
  --all            follow the next links through every page (progress on stderr when it is a terminal)
  --format F       table (default), json (one array) or ndjson (one connection per line)
  --base-url URL   the API's base URL (default: an embedded mock server)
  --token T        access token with itwin-platform scope; prefer EXPORT_API_TOKEN, which stays out of
                   process lists and shell history
  --timeout-ms MS  time limit of each request, body included (default 60000)
  --max-retries N  retries after a 408, 429, 5xx, time-out or connection failure (default 2)
  --verbose        the client's lines on stderr: each request, its status and time, each retry (the same as
                   EXPORT_API_LOG=debug; never a header or a token)
  -h, --help       show this help

Inventory (several iModels, or any of these options): every page of each iModel, as ndjson rows that each
carry iModelId, an iModel's rows written together once its listing is complete; a summary on stderr.
  --imodel-ids F   a file of iModel ids (GUIDs), one a line, or - for stdin; blank lines and lines starting
                   with # are skipped; an id given twice is listed once
  --concurrency N  iModels listed at the same time, 1 to 64 (default 4); one rate budget for all of them
  --output FILE    write the rows to FILE instead of stdout
  --checkpoint F   record the finished iModels in F (written atomically, never holding the token). Run the
                   same command again after a kill or a failure: finished iModels are not listed again,
                   failed ones are, and FILE is cut back to the rows F vouches for, so it ends with every
                   connection once. Without --output, a resumed run may repeat the rows of the iModels that
                   were being written to stdout when it stopped

Exit codes: 0 success (every iModel listed), 1 the API or the network failed (an inventory: every iModel
failed), 2 a bad argument (or a checkpoint of another job), 3 an inventory where some iModels failed and
others were listed, 130 and 143 an inventory stopped by SIGINT or SIGTERM (run it again to finish).`;
