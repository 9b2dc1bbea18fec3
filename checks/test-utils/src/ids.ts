// The iModel ids and hosts tests use, in one place.
import { spec } from "./spec.js";

/** The spec's example iModel id (`components.parameters.imodelId.example`), also the reference page's. */
export const IMODEL_ID: string = spec.components.parameters.imodelId.example;

/** A well-formed GUID no server of these tests knows: for 404s. */
export const UNKNOWN_IMODEL_ID = "00000000-0000-4000-8000-000000000000";

/** The public host the real API's links point at; no test may send a request there. */
export const PUBLIC_HOST: string = spec.servers[0].url;
