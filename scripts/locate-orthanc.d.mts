export const DEBIAN_ORTHANC: string;
export const DEBIAN_DICOMWEB_PLUGIN: string;
interface Where {
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  exists?: (file: string) => boolean;
}
export function findOnPath(tool: string, where?: Where): string | null;
export function locateOrthanc(where?: Where & { fileExists?: (file: string) => boolean }): {
  binary: string | null;
  plugin: string | null;
  expected: { binary: string; plugin: string };
};
