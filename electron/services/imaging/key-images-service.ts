import type { Db } from '../../db/open';
import { KeyImage, type Annotation, type ViewState } from '../../../shared/domain/imaging';
import { DomainError } from '../errors';
import * as sql from './imaging-sql';
import { caseIdsOfSamePatient } from '../cases/cases-sql';
import { claimRender, removeRender } from './render-store';

export const renderUrl = (id: number) => `/media/key-images/${id}.png`;

function toKeyImage(row: sql.KeyImageRow): KeyImage {
  return KeyImage.parse({
    id: row.id,
    caseId: row.case_id,
    sopInstanceUid: row.sop_instance_uid,
    frame: row.frame,
    caption: row.caption,
    view: JSON.parse(row.view_json),
    annotations: JSON.parse(row.annotations_json),
    renderUrl: renderUrl(row.id),
    studyDate: row.study_date,
    seriesDescription: row.series_description,
    createdAt: row.created_at,
  });
}

export interface NewKeyImage {
  caseId: number;
  sopInstanceUid: string;
  frame: number;
  caption: string;
  view: ViewState;
  annotations: Annotation[];
  renderToken: string;
}

/** Key images: a saved view of one image with its measurements and a PNG of it for slides and exports. */
export class KeyImagesService {
  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  list(caseId: number): KeyImage[] {
    return sql.listKeyImages(this.db, caseId).map(toKeyImage);
  }

  get(id: number): KeyImage {
    const row = sql.getKeyImage(this.db, id);
    if (!row) throw new DomainError('not-found', `Key image ${id} does not exist`);
    return toKeyImage(row);
  }

  /** Path of the PNG inside the data folder, for the media route. */
  renderPath(id: number): string | null {
    return sql.getKeyImage(this.db, id)?.render_path ?? null;
  }

  create(input: NewKeyImage): KeyImage {
    if (!sql.caseExists(this.db, input.caseId))
      throw new DomainError('not-found', `Case ${input.caseId} does not exist`);
    const owner = sql.instanceOwner(this.db, input.sopInstanceUid);
    if (!owner)
      throw new DomainError('not-found', `Image ${input.sopInstanceUid} is not in the image store`, 'sopInstanceUid');
    // Episodes share the imaging (issue 13): a key image may be made, for this case, on a study of another episode
    // of the same patient; it belongs to the case where it is made.
    if (owner.case_id === null || !caseIdsOfSamePatient(this.db, input.caseId).includes(owner.case_id)) {
      throw new DomainError(
        'refused',
        'That image belongs to a study not attached to this case or to another episode of its patient',
        'sopInstanceUid',
      );
    }
    const stray = input.annotations.findIndex(
      (a) => a.sopInstanceUid !== input.sopInstanceUid || a.frame !== input.frame,
    );
    if (stray >= 0)
      throw new DomainError(
        'invalid-input',
        'A key image holds only the measurements on its own image',
        `annotations.${stray}`,
      );

    const renderPath = claimRender(this.dataDir, input.renderToken);
    if (!renderPath)
      throw new DomainError(
        'invalid-input',
        'The rendered image was not uploaded; save the key image again',
        'renderToken',
      );
    try {
      const id = sql.insertKeyImage(this.db, {
        case_id: input.caseId,
        sop_instance_uid: input.sopInstanceUid,
        frame: input.frame,
        caption: input.caption,
        view_json: JSON.stringify(input.view),
        annotations_json: JSON.stringify(input.annotations),
        render_path: renderPath,
        created_at: this.now(),
      });
      return this.get(id);
    } catch (err) {
      // No PNG without its row.
      removeRender(this.dataDir, renderPath);
      throw err;
    }
  }

  updateCaption(id: number, caption: string): KeyImage {
    if (!sql.updateKeyImageCaption(this.db, id, caption))
      throw new DomainError('not-found', `Key image ${id} does not exist`);
    return this.get(id);
  }

  remove(id: number): void {
    const row = sql.getKeyImage(this.db, id);
    if (!row) throw new DomainError('not-found', `Key image ${id} does not exist`);
    sql.deleteKeyImage(this.db, id);
    removeRender(this.dataDir, row.render_path);
  }
}
