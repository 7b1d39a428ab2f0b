import path from 'node:path';
import { decodePath } from '../host/web';

/**
 * Which file of the built renderer a boardprep://app path names. Plain Node (electron/shell/app-protocol.ts answers
 * with it): a path that does not decode is the client's mistake (400), one that leaves the folder is refused (403).
 */
export type AppFile = { file: string } | { status: 400 | 403; text: string };

export function appFileFor(rendererDir: string, pathname: string): AppFile {
  const relative = decodePath(pathname === '/' ? '/index.html' : pathname);
  if (relative === null) return { status: 400, text: 'Bad request: the path is not valid percent-encoding' };
  if (relative.includes('\0')) return { status: 400, text: 'Bad request: the path holds a NUL character' };
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${relative}`);
  if (!file.startsWith(root + path.sep)) return { status: 403, text: 'Forbidden' };
  return { file };
}
