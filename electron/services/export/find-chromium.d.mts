// Types for find-chromium.mjs (plain JavaScript so the prerequisite check runs under bare Node).
export declare const CHROMIUM_ENV: 'BOARDPREP_CHROMIUM';
export declare function headlessChromiumArgs(options?: { uid?: number; container?: boolean }): string[];
export declare const HEADLESS_CHROMIUM_ARGS: string[];
export declare const CHROMIUM_INSTALL: Record<'linux' | 'darwin' | 'win32', string>;
export type ChromiumSource = 'BOARDPREP_CHROMIUM' | 'playwright' | 'system';
export type ChromiumLocation = { path: string; source: ChromiumSource } | { path: null; problem: string };
export interface LocateOptions {
  env?: Record<string, string | undefined>;
  platform?: string;
  exists?: (file: string) => boolean;
  playwrightPath?: () => string | undefined;
}
export declare function systemChromiumPaths(platform: string, env: Record<string, string | undefined>): string[];
export declare function isExecutableFile(file: string): boolean;
export declare function playwrightChromiumPath(): string | undefined;
export declare function locateChromium(options?: LocateOptions): ChromiumLocation;
