// The package version: package.json's, put in by define.config.ts (the build and the tests).
declare const __CLIENT_VERSION__: string;

/** The version of @export-api/client. */
export const VERSION: string = __CLIENT_VERSION__;
