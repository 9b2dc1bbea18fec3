// Bare openapi-fetch: the library our client is built on, with the generated paths and the same fetch, headers
// and query; no retries, time limit, validation or typed errors. What ours is compared with first.
import type { paths } from "@export-api/types";
import createClient from "openapi-fetch";
import { HEADERS, IMODEL_ID, PER_CALL_TOP } from "../fixtures/page.js";
import type { Call, Target } from "./target.js";

export function openapiFetchCall({ baseUrl, fetch }: Target): Call {
  const api = createClient<paths>({ baseUrl, fetch });
  return async () => {
    const { data } = await api.GET("/export/connections", {
      params: { query: { imodelId: IMODEL_ID, $top: PER_CALL_TOP } },
      headers: HEADERS,
    });
    return data?.connections.length ?? -1;
  };
}
