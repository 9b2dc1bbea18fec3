// Raw fetch: the URL written by hand, then `response.json()`. What a caller writes without any library.
import { HEADERS, IMODEL_ID, PER_CALL_TOP } from "../fixtures/page.js";
import type { Call, Target } from "./target.js";

export function rawFetchCall({ baseUrl, fetch }: Target): Call {
  return async () => {
    const response = await fetch(`${baseUrl}/export/connections?imodelId=${IMODEL_ID}&$top=${PER_CALL_TOP}`, {
      headers: HEADERS,
    });
    const page = (await response.json()) as { connections: unknown[] };
    return page.connections.length;
  };
}
