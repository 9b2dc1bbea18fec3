// Raw fetch: the URL written by hand, then `response.json()`. What a caller writes without any library; with
// `timeLimitMs`, what a careful one writes (see get-json.ts).
import { IMODEL_ID, PER_CALL_TOP } from "../fixtures/page.js";
import { getJson } from "./get-json.js";
import type { Call, Target } from "./target.js";

export function rawFetchCall({ baseUrl, fetch }: Target, timeLimitMs?: number): Call {
  const url = `${baseUrl}/export/connections?imodelId=${IMODEL_ID}&$top=${PER_CALL_TOP}`;
  return async () => {
    const page = (await getJson(fetch, url, timeLimitMs)) as { connections: unknown[] };
    return page.connections.length;
  };
}
