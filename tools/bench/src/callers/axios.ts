// axios with a stub adapter: axios does not use fetch, so its adapter (its transport) answers with the page's
// text, as its http adapter would, and axios parses it as JSON itself.
import type { ExportConnectionsResponse } from "@export-api/types";
import axios, { type AxiosAdapter } from "axios";
import { HEADERS, IMODEL_ID, type PageBytes, PER_CALL_TOP, PUBLIC_HOST } from "../fixtures/page.js";
import type { Call } from "./target.js";

export function axiosCall(body: PageBytes): Call {
  const text = new TextDecoder().decode(body);
  const adapter: AxiosAdapter = (config) =>
    Promise.resolve({
      data: text,
      status: 200,
      statusText: "OK",
      headers: { "content-type": "application/json" },
      config,
      request: {},
    });
  const api = axios.create({ baseURL: PUBLIC_HOST, adapter });
  return async () => {
    const { data } = await api.get<ExportConnectionsResponse>("/export/connections", {
      params: { imodelId: IMODEL_ID, $top: PER_CALL_TOP },
      headers: HEADERS,
    });
    return data.connections.length;
  };
}
