// Types for find-chromium.mjs (plain JavaScript so the prerequisite check runs under bare Node).
export declare const CHROMIUM_ENV: 'BOARDPREP_CHROMIUM';
export interface SandboxFacts {
  uid?: number;
  container?: boolean;
}
export declare function sandboxUnavailable(where?: SandboxFacts): boolean;
export interface HeadlessLaunchOptions {
  chromiumSandbox: boolean;
  args: string[];
}
export declare function headlessLaunchOptions(where?: SandboxFacts): HeadlessLaunchOptions;
export declare const HEADLESS_LAUNCH_OPTIONS: HeadlessLaunchOptions;
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
