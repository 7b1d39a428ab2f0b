import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import type { PacsNode, PacsNodeInput } from '../../../shared/domain/pacs';
import { DomainError } from '../errors';
import * as sql from './nodes-sql';

/** The PACS nodes of the settings screen and `boardprep pacs add|list` (issue 15 item 1). */
export class PacsNodesService {
  constructor(
    private readonly db: Db,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  list(): PacsNode[] {
    return sql.listNodes(this.db).map(sql.withoutSecret);
  }

  /** With its secret: for the services that talk to the PACS, never for a screen. */
  get(id: number): sql.PacsNodeWithSecret {
    const node = sql.nodeById(this.db, id);
    if (!node) throw new DomainError('not-found', `PACS node ${id} does not exist`);
    return node;
  }

  byName(name: string): sql.PacsNodeWithSecret {
    const node = sql.nodeByName(this.db, name);
    if (!node) throw new DomainError('not-found', `There is no PACS node called "${name}" (boardprep pacs list)`);
    return node;
  }

  save(id: number | null, version: number, input: PacsNodeInput): PacsNode {
    const savedId = writeTransaction(this.db, () => {
      const sameName = sql.nodeByName(this.db, input.name);
      if (sameName && sameName.id !== id)
        throw new DomainError('conflict', `A PACS node is already called "${sameName.name}".`, 'name');
      const now = this.now();
      if (id === null) return sql.insertNode(this.db, input, now);
      const current = sql.nodeById(this.db, id);
      if (!current) throw new DomainError('not-found', `PACS node ${id} does not exist`);
      if (current.version !== version || !sql.updateNode(this.db, id, version, input, current.secret, now))
        throw new DomainError(
          'conflict',
          `The PACS node "${current.name}" was changed elsewhere since you opened it. Reload it to see the changes.`,
        );
      return id;
    });
    return sql.withoutSecret(this.get(savedId));
  }

  remove(id: number): { removed: boolean } {
    return { removed: writeTransaction(this.db, () => sql.deleteNode(this.db, id)) };
  }
}
