// The in-memory data set: iModels with GUID ids, each in its own iTwin, and their export connections.
// Everything is derived from the seed: the same seed gives the same ids, names and links, on any machine. The first
// iModels may take given ids (by default the spec's example id, so a README example works against the mock); their
// connections still come from the seed.
// A connection is computed from (seed, iModel, index) when a page asks for it, so a million connections
// cost nothing at start.
import type { ExportConnection } from "@export-api/types";
import { connectionCounts } from "./fleet.js";
import { base64url, below, bytes, guid, mix32, mulberry32, pick } from "./random.js";

export interface MockImodel {
  id: string;
  iTwinId: string;
  /** Scrambled per-iModel key that makes connection ids unique across iModels. */
  key: number;
  /** Its export connections: `connectionsPerImodel`, or its own count in a varied fleet. */
  connections: number;
}

const SITES = ["Bridge", "Campus", "Depot", "Harbour", "Plant", "Station", "Tower", "Tunnel", "Viaduct", "Yard"];
const FORMATS = ["IFC", "3D Tiles", "USD", "glTF", "Shapefile", "GeoJSON"];
const CADENCES = ["nightly", "weekly", "on demand", "hourly"];

export interface DataSetOptions {
  seed: number;
  imodels: number;
  connectionsPerImodel: number;
  /** Ids of the first iModels, lower-case GUIDs; the others get seeded ids. */
  imodelIds: readonly string[];
  /** Vary the connection counts around `connectionsPerImodel`, as a real fleet's (see fleet.ts). */
  fleet: boolean;
}

export class DataSet {
  readonly imodels: readonly MockImodel[];
  readonly #seed: number;
  readonly #byId: ReadonlyMap<string, MockImodel>;

  constructor({ seed, imodels, connectionsPerImodel, imodelIds, fleet }: DataSetOptions) {
    this.#seed = seed >>> 0;
    const counts = connectionCounts(this.#seed, imodels, connectionsPerImodel, fleet);
    const random = mulberry32(mix32(this.#seed ^ 0x1d0c));
    this.imodels = Array.from({ length: imodels }, (_, index) => {
      // The seeded id is drawn even when a given id replaces it, so the other iModels keep their ids.
      const seededId = guid(random);
      return {
        id: imodelIds[index] ?? seededId,
        iTwinId: guid(random),
        key: mix32((this.#seed + Math.imul(index + 1, 0x9e3779b9)) >>> 0),
        connections: counts[index]!,
      };
    });
    this.#byId = new Map(this.imodels.map((imodel) => [imodel.id, imodel]));
  }

  /** The iModel with this id (GUIDs compare case-insensitively), if the data set has it. */
  find(imodelId: string): MockImodel | undefined {
    return this.#byId.get(imodelId.toLowerCase());
  }

  /** Connections `skip` .. `skip + top - 1` of the iModel (fewer at the end), with links on `linkBase`. */
  page(imodel: MockImodel, skip: number, top: number, linkBase: string): ExportConnection[] {
    const end = Math.min(skip + top, imodel.connections);
    const out: ExportConnection[] = [];
    for (let index = skip; index < end; index++) out.push(this.connection(imodel, index, linkBase));
    return out;
  }

  connection(imodel: MockImodel, index: number, linkBase: string): ExportConnection {
    const random = mulberry32(mix32(imodel.key ^ mix32(index + 1)));
    // 32 bytes, base64url: 43 characters like the reference's `VRZHoBhrnkGrAev0-_-d_xwvyrzjgaVGka5wU967Q7M`.
    // The first 8 bytes determine (index, iModel) (a = bijection of index, b = bijection of key ^ a), so ids
    // never collide; the rest is noise.
    const idBytes = bytes(random, 32);
    const a = mix32((index + imodel.key) >>> 0);
    new DataView(idBytes.buffer).setUint32(0, a);
    new DataView(idBytes.buffer).setUint32(4, mix32(imodel.key ^ a));
    const id = base64url(idBytes);
    const displayName = `${pick(random, SITES)} ${pick(random, FORMATS)} export ${index + 1} (${pick(random, CADENCES)})`;
    const authenticationType = below(random, 10) < 7 ? "User" : "Service";
    const runId = guid(random);
    return {
      id,
      displayName,
      iModelId: imodel.id,
      iTwinId: imodel.iTwinId,
      authenticationType,
      _links: {
        iModel: { href: `${linkBase}/imodels/${imodel.id}` },
        iTwin: { href: `${linkBase}/itwins/${imodel.iTwinId}` },
        lastRun: { href: `${linkBase}/export/connections/${id}/runs/${runId}` },
      },
    };
  }
}
