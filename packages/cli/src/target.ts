// Where `list` talks to: the API at --base-url with a real token, or an embedded mock server started for
// this one command (its first iModel by default, a placeholder token) and stopped after it.
import { createExportClient, type ExportClient } from "@export-api/client";
import { startMockServer } from "@export-api/mock-server";
import { type ListOptions, UsageError } from "./args.js";

export const TOKEN_ENV = "EXPORT_API_TOKEN";
/** Sent to the embedded mock, which accepts any bearer token. */
const MOCK_TOKEN = "embedded-mock-token";

export interface Target {
  /** A client of `baseUrl` with the token. */
  client: ExportClient;
  baseUrl: string;
  token: string;
  imodelId: string;
  /** Set when the target is an embedded mock server. */
  mock: boolean;
  close(): Promise<void>;
}

export async function resolveTarget(options: ListOptions, env: Record<string, string | undefined>): Promise<Target> {
  if (options.baseUrl !== undefined) {
    const token = options.token ?? (env[TOKEN_ENV]?.trim() || undefined);
    if (token === undefined) {
      throw new UsageError(`a token is required with --base-url: pass --token or set ${TOKEN_ENV}`);
    }
    if (options.imodelId === undefined) throw new UsageError("--imodel-id is required with --base-url");
    const client = clientWith(options.baseUrl, token);
    return { client, baseUrl: options.baseUrl, token, imodelId: options.imodelId, mock: false, close: async () => {} };
  }
  const mock = await startMockServer();
  return {
    client: clientWith(mock.url, MOCK_TOKEN),
    baseUrl: mock.url,
    token: MOCK_TOKEN,
    imodelId: options.imodelId ?? mock.imodelIds[0]!,
    mock: true,
    close: () => mock.close(),
  };
}

/** The client, with a token the client refuses (a line break, a space) reported as a bad argument, not echoed. */
function clientWith(baseUrl: string, token: string): ExportClient {
  try {
    return createExportClient({ baseUrl, accessToken: token });
  } catch (error) {
    throw new UsageError(`the token (--token or ${TOKEN_ENV}) is not usable: ${(error as Error).message}`);
  }
}
