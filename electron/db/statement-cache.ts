import type Database from 'better-sqlite3';

/** Enough for every fixed query the services run; SQL built per call (filters, IN lists) cycles through the rest. */
export const MAX_CACHED_STATEMENTS = 1000;

/**
 * Makes `db.prepare` answer the statement it prepared before for the same SQL, as Signal-Desktop's sql layer does.
 * Preparing is a fifth of building a 40-case meeting deck (a few hundred small queries), and the services prepare
 * at each call. A statement handed out again is put back to its default modes first (a caller may have asked for
 * pluck, raw or expand), and one still being iterated is never shared: the caller gets a new one.
 */
export function cacheStatements(db: Database.Database): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  const cached = (source: string): Database.Statement => {
    const known = cache.get(source);
    if (known && !known.busy) {
      if (known.reader) known.pluck(false).expand(false).raw(false);
      // Most recently used last, so the oldest goes first when the cache is full.
      cache.delete(source);
      cache.set(source, known);
      return known;
    }
    const statement = prepare(source);
    if (known) return statement;
    if (cache.size >= MAX_CACHED_STATEMENTS) cache.delete(cache.keys().next().value!);
    cache.set(source, statement);
    return statement;
  };
  db.prepare = cached as typeof db.prepare;
}
