// Ours: @export-api/client's getExportConnections, configured as a caller would (token, base URL, custom fetch).
import { createExportClient, type Hooks } from "@export-api/client";
import { IMODEL_ID, PER_CALL_TOP, TOKEN } from "../fixtures/page.js";
import type { Call, Target } from "./target.js";

export function oursCall({ baseUrl, fetch }: Target, hooks?: Hooks): Call {
  const client = createExportClient({ baseUrl, accessToken: TOKEN, fetch, hooks });
  return async () => (await client.getExportConnections({ imodelId: IMODEL_ID, top: PER_CALL_TOP })).connections.length;
}
