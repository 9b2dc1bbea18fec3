// The recorder's version: package.json's, put in by define.config.ts (the build and the tests).
declare const __USAGE_VERSION__: string;

/** The version of @export-api/usage, named in every contract it writes. */
export const USAGE_VERSION: string = __USAGE_VERSION__;
