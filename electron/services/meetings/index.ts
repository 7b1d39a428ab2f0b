import path from 'node:path';
import type { Db } from '../../db/open';
import { localWallTime } from '../../../shared/dates';
import { createClinicalServices, type ClinicalServices } from '../clinical';
import { AgendaService } from './agenda-service';
import { DecisionsService } from './decisions-service';
import { DeckService } from './deck-service';
import { FreezeService } from './freeze-service';
import { MeetingsService } from './meetings-service';
import type { MeetingsContext } from './views';

export { loadMeetingDeckData } from './deck-data';
export { AgendaService } from './agenda-service';
export { DecisionsService } from './decisions-service';
export { DeckService } from './deck-service';
export { FreezeService } from './freeze-service';
export { MeetingsService } from './meetings-service';

/** The board meeting's services (issue 5), made once per open data folder like the others in host/services.ts. */
export interface MeetingsServices {
  meetings: MeetingsService;
  agenda: AgendaService;
  decisions: DecisionsService;
  deck: DeckService;
  /** The decks frozen at sign-off and their PNGs (the media route and the exports read them). */
  freeze: FreezeService;
}

export interface MeetingsOptions {
  /** The clinical services to read readiness from (made here when not given). */
  clinical?: ClinicalServices;
  /** Now, ISO 8601 UTC (row stamps); the local wall-clock time (upcoming/past) is derived from the same instant. */
  now?: () => string;
  /** The data folder (key images' renders are relative to it); by default the database file's folder. */
  dataDir?: string;
}

export function createMeetingsServices(db: Db, options: MeetingsOptions = {}): MeetingsServices {
  const now = options.now ?? (() => new Date().toISOString());
  const ctx: MeetingsContext = {
    db,
    clinical: options.clinical ?? createClinicalServices(db, now),
    now,
    localNow: () => localWallTime(new Date(now())),
  };
  const freeze = new FreezeService(db, options.dataDir ?? path.dirname(db.name));
  return {
    meetings: new MeetingsService(ctx),
    agenda: new AgendaService(ctx),
    decisions: new DecisionsService(ctx, freeze),
    deck: new DeckService(ctx, freeze),
    freeze,
  };
}
