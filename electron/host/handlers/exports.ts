import type { z } from 'zod';
import { exportsContract, type ExportsChannel } from '../../../shared/contract/exports';
import { hasRight } from '../../../shared/auth/roles';
import type { ExportsService } from '../../services/export';
import { DomainError } from '../../services/errors';
import { missingRight, type Call } from '../dispatch';
import type { MediaAnswer } from '../media';

type Spec<C extends ExportsChannel> = (typeof exportsContract)[C];
/**
 * Same shape as `HandlerSlice<ExportsChannel>` (handlers/slice.ts), spelled out from the exports contract so this
 * file typechecks before the channels are registered in shared/contract/channels.ts and contract.ts.
 * Cancelling an export is jobs:cancel, as for imports.
 */
export type ExportsHandlerSlice = {
  [C in ExportsChannel]: (
    input: z.output<Spec<C>['input']>,
    call?: Call,
  ) => z.output<Spec<C>['output']> | Promise<z.output<Spec<C>['output']>>;
};

export function exportHandlers({ exports }: { exports: ExportsService }): ExportsHandlerSlice {
  return {
    'exports:start': (request, call) => {
      // The channel asks only exports.deidentified; a file with patient identifiers needs exports.identified.
      const session = call?.session;
      if (!request.deidentified && session && !hasRight(session.user.role, 'exports.identified'))
        throw new DomainError('refused', missingRight('exports:start', 'exports.identified', session).message);
      if (request.kind === 'outcome-pdf') {
        // An outcome letter also needs letters.produce, and is registered as produced by the signed-in user.
        if (session && !hasRight(session.user.role, 'letters.produce'))
          throw new DomainError('refused', missingRight('exports:start', 'letters.produce', session).message);
        const producedBy = session ? { userId: session.actor.userId, name: session.user.displayName } : undefined;
        return exports.start({ ...request, producedBy });
      }
      return exports.start(request);
    },
    'exports:status': ({ jobId }) => exports.status(jobId),
    'exports:list': () => exports.list(),
  };
}

/**
 * GET /media/exports/<name>: a file the exports wrote to the data folder's exports/ (for the web host's download
 * links; the desktop app can use it too). Answers null for other routes so media.ts can chain it.
 */
export function answerExportMedia(exports: ExportsService, method: string, url: URL): MediaAnswer | null {
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] !== 'media' || parts[1] !== 'exports') return null;
  if ((method !== 'GET' && method !== 'HEAD') || parts.length !== 3) return { status: 404, text: 'Not found' };
  let name: string;
  try {
    name = decodeURIComponent(parts[2]);
  } catch {
    return { status: 400, text: 'The file name has malformed percent-encoding' };
  }
  const found = exports.downloadFile(name);
  return found
    ? { status: 200, file: found.file, contentType: found.contentType }
    : { status: 404, text: `No export named ${name}` };
}
