// ky: a small fetch wrapper, with its defaults (retries, a 10 s timeout) and the same fetch.
import type { ExportConnectionsResponse } from "@export-api/types";
import ky from "ky";
import { HEADERS, IMODEL_ID, PER_CALL_TOP } from "../fixtures/page.js";
import type { Call, Target } from "./target.js";

export function kyCall({ baseUrl, fetch }: Target): Call {
  const api = ky.create({ prefixUrl: baseUrl, fetch });
  return async () => {
    const page = await api
      .get("export/connections", { searchParams: { imodelId: IMODEL_ID, $top: PER_CALL_TOP }, headers: HEADERS })
      .json<ExportConnectionsResponse>();
    return page.connections.length;
  };
}
