// The package version, put in by the build (tsup `define`) and the test config from package.json.
declare const __CLIENT_VERSION__: string;

/** The version of @export-api/client. */
export const VERSION: string = __CLIENT_VERSION__;
