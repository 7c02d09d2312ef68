// Types of build-state.mjs, for the TypeScript that imports it (tests).
export declare const root: string;
export declare const STAMP: string;
export declare const DIST_MAIN: string;
export declare function stampOf(dir: string): string;
export declare function distMainOf(dir: string): string;
export declare function sourcesFingerprint(base?: string): string | undefined;
export declare function buildState(base?: string): 'fresh' | 'stale' | 'missing';
export declare function buildFingerprint(base?: string): string | undefined;
export declare function buildIsCurrent(base?: string): boolean;
