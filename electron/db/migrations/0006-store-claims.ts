import type { Migration } from '../migrate';

/**
 * Claims on image store files (issue 9). An import claims each file (its content hash) BEFORE it looks for it in
 * the store or links it in, and its claims go in the same transaction that writes its index rows (or when it is
 * cancelled or fails). A store file is removed only when no index row and no claim references it, decided under
 * the database's write lock; so no import, cancel, kill or start-up sweep can remove a file that an index row
 * references or will reference. A claim whose import is no longer running (finished, or its process is gone) is
 * stale: the start-up sweep releases it and removes what it alone held.
 */
export const m0006: Migration = {
  version: 6,
  name: 'image store claims',
  sql: `
    CREATE TABLE dicom_store_claims (
      file_hash TEXT NOT NULL CHECK (length(file_hash) = 64),
      import_id INTEGER NOT NULL REFERENCES dicom_imports (id) ON DELETE CASCADE,
      PRIMARY KEY (file_hash, import_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX dicom_store_claims_import ON dicom_store_claims (import_id);
  `,
};
