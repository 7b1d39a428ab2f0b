import { localIsoDate } from '../../../shared/dates';
import {
  CaseFilters,
  SavedFilterBody,
  type CaseFilterOptions,
  type SavedFilter,
} from '../../../shared/domain/case-search';
import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { DomainError } from '../errors';
import { refreshStale } from './facets';
import * as sql from './search-sql';

function toSaved(row: sql.SavedFilterRow): SavedFilter {
  // A stored filter from an older version with a field no longer known keeps what still parses.
  const body = SavedFilterBody.safeParse(JSON.parse(row.filter_json));
  const { query, filters } = body.success ? body.data : { query: '', filters: CaseFilters.parse({}) };
  return { id: row.id, name: row.name, createdAt: row.created_at, query, filters };
}

/** What the case list's filters offer, and each signed-in user's saved searches. */
export class SearchService {
  constructor(
    private readonly db: Db,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  filterOptions(): CaseFilterOptions {
    refreshStale(this.db, this.now());
    return {
      consultants: sql.consultants(this.db),
      histotypes: sql.histotypesInUse(this.db),
      meetings: sql.comingMeetings(this.db, localIsoDate(new Date(this.now()))),
    };
  }

  savedFilters(userId: number): SavedFilter[] {
    return sql.savedFiltersOf(this.db, userId).map(toSaved);
  }

  saveFilter(userId: number, name: string, body: SavedFilterBody): SavedFilter {
    const json = JSON.stringify({ query: body.query, filters: body.filters });
    const id = writeTransaction(this.db, () => sql.upsertSavedFilter(this.db, userId, name, json, this.now()));
    return toSaved(sql.savedFilter(this.db, id)!);
  }

  removeFilter(userId: number, id: number): void {
    // Another user's filter is answered as not found: a user sees only their own.
    if (!sql.deleteSavedFilter(this.db, id, userId))
      throw new DomainError('not-found', `Saved filter ${id} does not exist`, 'id');
  }
}
