import type { Migration } from '../migrate';
import { auditTriggers, VIA_CASE, type Audited } from './0007-users-and-audit';

const AET = (col: string) => `length(${col}) BETWEEN 1 AND 16 AND ${col} NOT GLOB '*\\*'`;
const PORT = (col: string) => `${col} BETWEEN 1 AND 65535`;

/**
 * The node's settings are audited (who pointed BoardPrep at which PACS, when), but never its secret: the password
 * or token is left out of the logged row, and its change shows only as has_secret turning over.
 */
const ADDED: readonly Audited[] = [
  {
    table: 'pacs_nodes',
    key: 'id',
    columns: [
      'id',
      'name',
      'dicomweb_url',
      'auth',
      'username',
      'ca_file',
      'called_aet',
      'host',
      'port',
      'our_aet',
      'dimse_tls',
      'dimse_ca_file',
      'dimse_retrieve',
      'move_port',
      'prefer',
      'has_secret',
    ],
    patient: () => 'NULL',
  },
  {
    table: 'pacs_transfers',
    key: 'id',
    columns: [
      'id',
      'node_name',
      'direction',
      'transport',
      'case_id',
      'study_uid',
      'series_uid',
      'status',
      'files',
      'error',
      'import_id',
    ],
    patient: VIA_CASE,
  },
];

/**
 * The hospital's PACS (issue 15): the nodes BoardPrep queries, retrieves from and sends key images to, and the
 * register of every transfer (who retrieved which study into which case, or sent which key images, and how it
 * ended). A retrieval's instances wait in the data folder's pacs-incoming/<transfer> folder until the import
 * indexes them all in one unit; a cancelled or dropped retrieval keeps that folder so a retry fetches only what is
 * missing (electron/services/pacs/retrieve-service.ts).
 */
export const m0012: Migration = {
  version: 12,
  name: 'PACS nodes and transfers',
  sql: `
    CREATE TABLE pacs_nodes (
      id             INTEGER PRIMARY KEY,
      name           TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 64),
      -- DICOMweb: the base URL of QIDO-RS, WADO-RS and STOW-RS; NULL when the node is DIMSE only.
      dicomweb_url   TEXT CHECK (dicomweb_url IS NULL OR dicomweb_url GLOB 'http*://?*'),
      auth           TEXT NOT NULL DEFAULT 'none' CHECK (auth IN ('none', 'basic', 'bearer')),
      username       TEXT NOT NULL DEFAULT '',
      -- The password (basic) or token (bearer). Kept like the rest of the record in the data folder; never audited.
      secret         TEXT NOT NULL DEFAULT '',
      has_secret     INTEGER GENERATED ALWAYS AS (secret <> '') VIRTUAL,
      ca_file        TEXT NOT NULL DEFAULT '',
      -- DIMSE: the PACS's AE title, where it listens, and the AE title we call it with; NULL when DICOMweb only.
      called_aet     TEXT CHECK (called_aet IS NULL OR (${AET('called_aet')})),
      host           TEXT CHECK (host IS NULL OR host <> ''),
      port           INTEGER CHECK (port IS NULL OR ${PORT('port')}),
      our_aet        TEXT NOT NULL DEFAULT 'BOARDPREP' CHECK (${AET('our_aet')}),
      dimse_tls      INTEGER NOT NULL DEFAULT 0 CHECK (dimse_tls IN (0, 1)),
      dimse_ca_file  TEXT NOT NULL DEFAULT '',
      dimse_retrieve TEXT NOT NULL DEFAULT 'c-get' CHECK (dimse_retrieve IN ('c-get', 'c-move')),
      -- Where our storage SCP listens during a C-MOVE (only then).
      move_port      INTEGER CHECK (move_port IS NULL OR ${PORT('move_port')}),
      prefer         TEXT NOT NULL DEFAULT 'dicomweb' CHECK (prefer IN ('dicomweb', 'dimse')),
      version        INTEGER NOT NULL DEFAULT 1,
      created_at     TEXT NOT NULL,
      updated_at     TEXT NOT NULL,
      CHECK (dicomweb_url IS NOT NULL OR (called_aet IS NOT NULL AND host IS NOT NULL AND port IS NOT NULL)),
      CHECK ((called_aet IS NULL) = (host IS NULL) AND (host IS NULL) = (port IS NULL)),
      CHECK (dimse_retrieve = 'c-get' OR move_port IS NOT NULL)
    ) STRICT;

    -- Every retrieval from and sending to a node. node_name is kept as it was: the node may be renamed or removed.
    CREATE TABLE pacs_transfers (
      id          INTEGER PRIMARY KEY,
      node_id     INTEGER REFERENCES pacs_nodes (id) ON DELETE SET NULL,
      node_name   TEXT NOT NULL,
      direction   TEXT NOT NULL CHECK (direction IN ('retrieve', 'send')),
      transport   TEXT NOT NULL CHECK (transport IN ('dicomweb', 'dimse')),
      case_id     INTEGER REFERENCES cases (id) ON DELETE SET NULL,
      study_uid   TEXT NOT NULL CHECK (study_uid <> ''),
      series_uid  TEXT,
      started_at  TEXT NOT NULL,
      finished_at TEXT,
      status      TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
      -- Instances received (retrieve) or accepted by the PACS (send).
      files       INTEGER NOT NULL DEFAULT 0 CHECK (files >= 0),
      error       TEXT NOT NULL DEFAULT '',
      -- The import that indexed a retrieval's instances.
      import_id   INTEGER REFERENCES dicom_imports (id) ON DELETE SET NULL,
      CHECK ((status = 'running') = (finished_at IS NULL))
    ) STRICT;
    CREATE INDEX pacs_transfers_study ON pacs_transfers (study_uid, direction, status);
    CREATE INDEX pacs_transfers_case ON pacs_transfers (case_id, started_at);

    ${ADDED.map(auditTriggers).join('\n')}
  `,
};
