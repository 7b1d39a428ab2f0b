import type { Db } from '../../db/open';

/**
 * The decks frozen at sign-off (migration 0007: decision_snapshots, snapshot_images). Rows are only ever inserted:
 * triggers refuse any update or delete, so what the board saw stays as it was.
 */

export interface SnapshotRow {
  decision_id: number;
  frozen_at: string;
  deck_json: string;
  deck_sha256: string;
}

export interface SnapshotOfItemRow extends SnapshotRow {
  item_id: number;
}

export interface SnapshotImageRow {
  decision_id: number;
  name: string;
  png: Buffer;
  sha256: string;
}

export function insertSnapshot(db: Db, row: SnapshotRow): void {
  db.prepare(
    'INSERT INTO decision_snapshots (decision_id, frozen_at, deck_json, deck_sha256) VALUES (@decision_id, @frozen_at, @deck_json, @deck_sha256)',
  ).run(row);
}

export function insertSnapshotImage(db: Db, row: SnapshotImageRow): void {
  db.prepare(
    'INSERT INTO snapshot_images (decision_id, name, png, sha256) VALUES (@decision_id, @name, @png, @sha256)',
  ).run(row);
}

/** The frozen decks of the given agenda items (items without a signed-off, frozen decision are left out). */
export function snapshotsOfItems(db: Db, itemIds: readonly number[]): SnapshotOfItemRow[] {
  return db
    .prepare(
      `SELECT d.item_id, s.decision_id, s.frozen_at, s.deck_json, s.deck_sha256
         FROM decision_snapshots s JOIN decisions d ON d.id = s.decision_id
        WHERE d.item_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(itemIds)) as SnapshotOfItemRow[];
}

/** The names and hashes of a frozen deck's images (not the bytes: enough to compare with the live renders). */
export function snapshotImageHashes(db: Db, decisionId: number): { name: string; sha256: string }[] {
  return db.prepare('SELECT name, sha256 FROM snapshot_images WHERE decision_id = ? ORDER BY name').all(decisionId) as {
    name: string;
    sha256: string;
  }[];
}

export function snapshotImage(db: Db, decisionId: number, name: string): SnapshotImageRow | undefined {
  return db.prepare('SELECT * FROM snapshot_images WHERE decision_id = ? AND name = ?').get(decisionId, name) as
    SnapshotImageRow | undefined;
}
