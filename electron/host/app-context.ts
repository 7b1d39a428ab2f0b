import type { Db } from '../db/open';
import type { Logger } from './log';

/** What every service and handler may reach: the database and the data folder. Never Electron. */
export interface AppContext {
  db: Db;
  dataDir: string;
  /** The project's resources/ folder (demo board, icons). */
  resourcesDir: string;
  version: string;
  /** The process's log (electron/host/log.ts); services without one log nothing. */
  log?: Logger;
}
