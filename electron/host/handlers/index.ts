import type { AppContext } from '../app-context';
import type { HandlerTable } from '../dispatch';
import { createServices, type Services } from '../services';
import { appHandlers } from './app';
import { auditHandlers } from './audit';
import { authHandlers } from './auth';
import { backupHandlers } from './backup';
import { caseHandlers } from './cases';
import { clinicalHandlers } from './clinical';
import { imagingHandlers } from './imaging';
import { reversibleHandlers } from './reversible';
import { meetingHandlers } from './meetings';
import { exportHandlers } from './exports';
// issue 14: figures
import { figuresHandlers } from './figures';
import { boardHandlers } from './boards';
// issue 14: referrals
import { referralHandlers } from './referrals';
import { followUpHandlers } from './follow-up';
// issue 14: search
import { caseSearchHandlers } from './case-search';
// issue 15: PACS
import { pacsHandlers } from './pacs';

/** The one handler table both transports (Electron IPC and the loopback web host) serve. */
export function handlersFor(services: Services): HandlerTable {
  return {
    ...appHandlers(services),
    ...authHandlers(services),
    ...backupHandlers(services),
    ...caseHandlers(services),
    ...imagingHandlers(services),
    ...clinicalHandlers(services),
    ...meetingHandlers(services),
    ...exportHandlers(services),
    ...auditHandlers(services),
    ...reversibleHandlers(services),
    // issue 14: figures
    ...figuresHandlers(services),
    // issue 14: boards
    ...boardHandlers(services),
    // issue 14: referrals
    ...referralHandlers(services),
    // issue 14: actions and letters
    ...followUpHandlers(services),
    // issue 14: search
    ...caseSearchHandlers(services),
    // issue 15: PACS
    ...pacsHandlers(services),
  };
}

export function createHandlers(ctx: AppContext): HandlerTable {
  return handlersFor(createServices(ctx));
}
