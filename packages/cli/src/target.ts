// Where `list` talks to: the API at --base-url with a real token, or an embedded mock server started for
// this one command (its first iModel by default, a placeholder token) and stopped after it.
import { createExportClient, type ExportClient, type Hooks } from "@export-api/client";
import { startMockServer } from "@export-api/mock-server";
import { type ListOptions, UsageError } from "./args.js";

export const TOKEN_ENV = "EXPORT_API_TOKEN";
/** Sent to the embedded mock, which accepts any bearer token. */
const MOCK_TOKEN = "embedded-mock-token";
/** Checks the page size when an inventory's ids come from a file (each id is checked by ids.ts). */
const PLACEHOLDER_IMODEL_ID = "00000000-0000-0000-0000-000000000000";

export interface Target {
  /** A client of `baseUrl` with the token. */
  client: ExportClient;
  baseUrl: string;
  token: string;
  imodelId: string;
  /** The embedded mock's iModels (an inventory without ids lists them all); empty for an API. */
  mockImodelIds: string[];
  /** Set when the target is an embedded mock server. */
  mock: boolean;
  close(): Promise<void>;
}

export async function resolveTarget(
  options: ListOptions,
  env: Record<string, string | undefined>,
  createClient: typeof createExportClient = createExportClient,
  hooks?: Hooks,
): Promise<Target> {
  if (options.baseUrl !== undefined) {
    const token = options.token ?? (env[TOKEN_ENV]?.trim() || undefined);
    if (token === undefined) {
      throw new UsageError(`a token is required with --base-url: pass --token or set ${TOKEN_ENV}`);
    }
    if (options.imodelId === undefined && options.imodelIdsFile === undefined) {
      throw new UsageError(`--imodel-id${options.inventory ? " or --imodel-ids" : ""} is required with --base-url`);
    }
    const imodelId = options.imodelId ?? PLACEHOLDER_IMODEL_ID;
    const client = clientWith(createClient, options.baseUrl, token, options, imodelId, hooks);
    const baseUrl = options.baseUrl;
    return { client, baseUrl, token, imodelId, mockImodelIds: [], mock: false, close: async () => {} };
  }
  const mock = await startMockServer();
  const imodelId = options.imodelId ?? mock.imodelIds[0]!;
  try {
    const client = clientWith(createClient, mock.url, MOCK_TOKEN, options, imodelId, hooks);
    const mockImodelIds = [...mock.imodelIds];
    return {
      client,
      baseUrl: mock.url,
      token: MOCK_TOKEN,
      imodelId,
      mockImodelIds,
      mock: true,
      close: () => mock.close(),
    };
  } catch (error) {
    await mock.close();
    throw error;
  }
}

/** Each client value and the flag it came from, to name the flag when the client refuses a value. */
const FLAGS = {
  accessToken: `the token (--token or ${TOKEN_ENV})`,
  imodelId: "--imodel-id",
  pageSize: "--top",
  timeoutMs: "--timeout-ms",
  maxRetries: "--max-retries",
} as const;

/**
 * The client, and the client's own checks of what the command line gave it (the token, the iModel id, the page
 * size, the time limit, the retries), so the CLI refuses exactly what the client would, before any request, as a
 * bad argument naming the flag. The client never echoes a token it refuses.
 */
function clientWith(
  createClient: typeof createExportClient,
  baseUrl: string,
  token: string,
  options: ListOptions,
  imodelId: string,
  hooks: Hooks | undefined,
): ExportClient {
  // --verbose is the client's own debug switch, read when the client is made.
  if (options.verbose) process.env.EXPORT_API_LOG = "debug";
  try {
    const client = createClient({
      baseUrl,
      accessToken: token,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      ...(hooks ? { hooks } : {}),
    });
    // Creating the iterable checks its parameters and sends nothing.
    client.iterateExportConnections({ imodelId, pageSize: options.top });
    return client;
  } catch (error) {
    const message = (error as Error).message;
    const name = Object.keys(FLAGS).find((key) => message.startsWith(key)) as keyof typeof FLAGS | undefined;
    throw new UsageError(name ? `${FLAGS[name]}${message.slice(name.length)}` : message);
  }
}
