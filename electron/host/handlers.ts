import type { AppContext } from '../app-context';
import { schemaVersion } from '../db/migrate';
import { CasesService } from '../services/cases/cases-service';
import { loadDemoBoard } from '../services/demo/demo-service';
import type { HandlerTable } from './dispatch';

type Slice<K extends keyof HandlerTable> = Pick<HandlerTable, K>;

function appHandlers(ctx: AppContext, cases: CasesService): Slice<'app:info' | 'demo:load'> {
  return {
    'app:info': () => ({
      name: 'BoardPrep' as const,
      version: ctx.version,
      dataDir: ctx.dataDir,
      schemaVersion: schemaVersion(ctx.db),
      caseCount: cases.count(),
    }),
    'demo:load': () => loadDemoBoard(ctx.db, ctx.resourcesDir),
  };
}

function caseHandlers(cases: CasesService): Slice<'cases:list' | 'cases:get' | 'cases:create' | 'cases:update' | 'patients:lookupMrn'> {
  return {
    'cases:list': ({ query, status }) => cases.list({ query, status }),
    'cases:get': ({ id }) => cases.get(id),
    'cases:create': (fields) => cases.create(fields),
    'cases:update': ({ id, version, fields }) => cases.update(id, version, fields),
    'patients:lookupMrn': ({ mrn, exceptCaseId }) => cases.lookupMrn(mrn, exceptCaseId),
  };
}

/** The one handler table both transports (Electron IPC and the loopback web host) serve. */
export function createHandlers(ctx: AppContext): HandlerTable {
  const cases = new CasesService(ctx.db);
  return {
    ...appHandlers(ctx, cases),
    ...caseHandlers(cases),
  };
}
