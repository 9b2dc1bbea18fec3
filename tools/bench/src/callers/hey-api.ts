// @hey-api/client-fetch: the fetch client of the hey-api code generator, called the way its generated SDKs call it
// (responses typed by status). Upstream now bundles it into @hey-api/openapi-ts; this is its last standalone release.

import type { ExportConnectionsResponse } from "@export-api/types";
import { createClient } from "@hey-api/client-fetch";
import { HEADERS, IMODEL_ID, PER_CALL_TOP } from "../fixtures/page.js";
import type { Call, Target } from "./target.js";

export function heyApiCall({ baseUrl, fetch }: Target): Call {
  const client = createClient({ baseUrl, fetch });
  return async () => {
    const { data } = await client.get<{ 200: ExportConnectionsResponse }>({
      url: "/export/connections",
      query: { imodelId: IMODEL_ID, $top: PER_CALL_TOP },
      headers: HEADERS,
    });
    return data?.connections.length ?? -1;
  };
}
