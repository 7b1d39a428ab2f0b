import type { Db } from '../../db/open';
import type { PacsNode, PacsNodeInput } from '../../../shared/domain/pacs';

/** PACS nodes (migration 0012), turned into their domain shape in one place. */

interface NodeRow {
  id: number;
  name: string;
  dicomweb_url: string | null;
  auth: 'none' | 'basic' | 'bearer';
  username: string;
  secret: string;
  ca_file: string;
  called_aet: string | null;
  host: string | null;
  port: number | null;
  our_aet: string;
  dimse_tls: number;
  dimse_ca_file: string;
  dimse_retrieve: 'c-get' | 'c-move';
  move_port: number | null;
  prefer: 'dicomweb' | 'dimse';
  version: number;
}

/** A node with its secret: only the services that talk to the PACS see this. */
export interface PacsNodeWithSecret extends PacsNode {
  secret: string;
}

function toNode(row: NodeRow): PacsNodeWithSecret {
  return {
    id: row.id,
    name: row.name,
    dicomweb:
      row.dicomweb_url === null
        ? null
        : { url: row.dicomweb_url, auth: row.auth, username: row.username, caFile: row.ca_file },
    dimse:
      row.called_aet === null || row.host === null || row.port === null
        ? null
        : {
            calledAet: row.called_aet,
            host: row.host,
            port: row.port,
            ourAet: row.our_aet,
            tls: row.dimse_tls === 1,
            caFile: row.dimse_ca_file,
            retrieve: row.dimse_retrieve,
            movePort: row.move_port,
          },
    hasSecret: row.secret !== '',
    prefer: row.prefer,
    version: row.version,
    secret: row.secret,
  };
}

/** The node as the screens see it: the secret left out. */
export function withoutSecret({ secret: _secret, ...node }: PacsNodeWithSecret): PacsNode {
  return node;
}

export function listNodes(db: Db): PacsNodeWithSecret[] {
  return (db.prepare('SELECT * FROM pacs_nodes ORDER BY name COLLATE NOCASE').all() as NodeRow[]).map(toNode);
}

export function nodeById(db: Db, id: number): PacsNodeWithSecret | undefined {
  const row = db.prepare('SELECT * FROM pacs_nodes WHERE id = ?').get(id) as NodeRow | undefined;
  return row && toNode(row);
}

export function nodeByName(db: Db, name: string): PacsNodeWithSecret | undefined {
  const row = db.prepare('SELECT * FROM pacs_nodes WHERE name = ? COLLATE NOCASE').get(name) as NodeRow | undefined;
  return row && toNode(row);
}

function columns(node: PacsNodeInput, secret: string) {
  const web = node.dicomweb;
  const dimse = node.dimse;
  return {
    name: node.name,
    dicomweb_url: web?.url ?? null,
    auth: web?.auth ?? 'none',
    username: web?.username ?? '',
    secret: web && web.auth !== 'none' ? secret : '',
    ca_file: web?.caFile ?? '',
    called_aet: dimse?.calledAet ?? null,
    host: dimse?.host ?? null,
    port: dimse?.port ?? null,
    our_aet: dimse?.ourAet ?? 'BOARDPREP',
    dimse_tls: dimse?.tls ? 1 : 0,
    dimse_ca_file: dimse?.caFile ?? '',
    dimse_retrieve: dimse?.retrieve ?? 'c-get',
    move_port: dimse?.movePort ?? null,
    // A node with one transport prefers it, whatever the form said.
    prefer: web && dimse ? node.prefer : web ? 'dicomweb' : 'dimse',
  };
}

export function insertNode(db: Db, node: PacsNodeInput, now: string): number {
  const row = columns(node, node.secret ?? '');
  const info = db
    .prepare(
      `INSERT INTO pacs_nodes (name, dicomweb_url, auth, username, secret, ca_file, called_aet, host, port, our_aet,
         dimse_tls, dimse_ca_file, dimse_retrieve, move_port, prefer, created_at, updated_at)
       VALUES (@name, @dicomweb_url, @auth, @username, @secret, @ca_file, @called_aet, @host, @port, @our_aet,
         @dimse_tls, @dimse_ca_file, @dimse_retrieve, @move_port, @prefer, @now, @now)`,
    )
    .run({ ...row, now });
  return Number(info.lastInsertRowid);
}

/** Updates the node if it is still at `version`; answers false when it changed (or went) meanwhile. */
export function updateNode(db: Db, id: number, version: number, node: PacsNodeInput, keptSecret: string, now: string) {
  const row = columns(node, node.secret ?? keptSecret);
  const info = db
    .prepare(
      `UPDATE pacs_nodes SET name = @name, dicomweb_url = @dicomweb_url, auth = @auth, username = @username,
         secret = @secret, ca_file = @ca_file, called_aet = @called_aet, host = @host, port = @port,
         our_aet = @our_aet, dimse_tls = @dimse_tls, dimse_ca_file = @dimse_ca_file,
         dimse_retrieve = @dimse_retrieve, move_port = @move_port, prefer = @prefer, version = version + 1,
         updated_at = @now
       WHERE id = @id AND version = @version`,
    )
    .run({ ...row, id, version, now });
  return info.changes === 1;
}

export function deleteNode(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM pacs_nodes WHERE id = ?').run(id).changes === 1;
}
