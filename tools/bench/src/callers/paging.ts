// Paging through every connection of an iModel: ours (`iterateExportConnections`, which follows `_links.next`)
// against the loop a careful caller writes by hand: fetch, count, read `$skip`/`$top` from the next link (its host
// is the API's public one, so the request goes to the configured base URL), until there is no next link. With
// `timeLimitMs`, each request of the loop is bounded as our client bounds each attempt (see get-json.ts).
import { createExportClient } from "@export-api/client";
import { IMODEL_ID, TOKEN } from "../fixtures/page.js";
import { getJson } from "./get-json.js";
import type { Call } from "./target.js";

export function oursPaging(baseUrl: string, pageSize: number): Call {
  const client = createExportClient({ baseUrl, accessToken: TOKEN });
  return async () => {
    let count = 0;
    for await (const _connection of client.iterateExportConnections({ imodelId: IMODEL_ID, pageSize })) count++;
    return count;
  };
}

export function handWrittenPaging(baseUrl: string, pageSize: number, timeLimitMs?: number): Call {
  return async () => {
    let count = 0;
    let query = `$top=${pageSize}`;
    for (;;) {
      const url = `${baseUrl}/export/connections?imodelId=${IMODEL_ID}&${query}`;
      const page = (await getJson(fetch, url, timeLimitMs)) as {
        connections: unknown[];
        _links?: { next?: { href: string } };
      };
      count += page.connections.length;
      const next = page._links?.next?.href;
      if (!next) return count;
      const link = new URL(next).searchParams;
      query = `$skip=${link.get("$skip")}&$top=${link.get("$top")}`;
    }
  };
}
