// Types for check-prereqs.mjs (plain JavaScript so it runs under bare Node on a fresh clone).
type Platform = 'linux' | 'darwin' | 'win32';
export declare const TOOLS: {
  name: string;
  tools: string[];
  /** What is missing, where a tool is not simply looked for on PATH. */
  absent?: (where: object) => string[];
  why: string;
  install: Record<Platform, string>;
}[];
export interface Missing {
  name: string;
  line: string;
}
export declare function onPath(
  tool: string,
  options?: { env?: Record<string, string | undefined>; platform?: string; exists?: (file: string) => boolean },
): boolean;
export declare function pythonHasPydicom(options?: {
  platform?: string;
  run?: (cmd: string, args: string[], opts: object) => { status: number | null };
}): boolean;
export declare function missingPrerequisites(options?: {
  env?: Record<string, string | undefined>;
  platform?: string;
  exists?: (file: string) => boolean;
  playwrightPath?: () => string | undefined;
  hasPydicom?: () => boolean;
  hasNodeModules?: () => boolean;
  fileExists?: (file: string) => boolean;
}): Missing[];
export declare function report(missing: Missing[], platform?: string): string[];
