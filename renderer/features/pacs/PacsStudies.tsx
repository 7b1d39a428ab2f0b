import { Fragment, useState } from 'react';
import { dayMonthYear } from '../../../shared/dates';
import type { PacsImported, PacsSeries, PacsStudy } from '../../../shared/domain/pacs';
import { Banner } from '../../components/Banner';
import { useRead } from '../../data/hooks';
import type { RetrieveChoice } from './PacsPanel';

/** "1 image", "37 images", "2 series". */
const plural = (n: number, one: string) => `${n} ${n === 1 || one === 'series' ? one : `${one}s`}`;
const count = (n: number | null, one: string) => (n === null ? '?' : plural(n, one));

/** "26 Oct 2015 CT CHEST W CONTRAST": how the progress line and the buttons name a study. */
export const studyLabel = (s: PacsStudy) =>
  [s.date ? dayMonthYear(s.date) : 'undated study', s.description || s.modalities.join('/')].join(' ').trim();

export function ImportedMark({ imported }: { imported: PacsImported }) {
  if (imported === 'none') return null;
  return (
    <span className={`pacs-mark pacs-mark--${imported}`}>{imported === 'all' ? 'Imported' : 'Partly imported'}</span>
  );
}

/**
 * The studies a PACS query found: date, modalities, description, series and images, imported or not. A study
 * opens to its series, with a box each: Retrieve takes the chosen series, or the whole study when none is chosen.
 */
export function PacsStudies({
  nodeId,
  nodeName,
  studies,
  busy,
  retrieving,
  onRetrieve,
}: {
  nodeId: number;
  nodeName: string;
  studies: PacsStudy[];
  busy: boolean;
  retrieving: string | null;
  onRetrieve: (choice: RetrieveChoice) => void;
}) {
  const [expanded, setExpanded] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  if (studies.length === 0)
    return (
      <p role="status" className="muted">
        {nodeName} has no study matching this query.
      </p>
    );
  return (
    <table className="pacs-table" aria-label={`Studies on ${nodeName}`}>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Modality</th>
          <th scope="col">Description</th>
          <th scope="col">Series</th>
          <th scope="col">Images</th>
          <th scope="col">In BoardPrep</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {studies.map((s) => {
          const label = studyLabel(s);
          const picked = chosen[s.studyUid] ?? [];
          const open = expanded === s.studyUid;
          return (
            <Fragment key={s.studyUid}>
              <tr aria-label={label}>
                <td>{s.date ? dayMonthYear(s.date) : 'no date'}</td>
                <td>{s.modalities.join(', ')}</td>
                <td>
                  {s.description || <span className="muted">no description</span>}
                  {s.accession && <span className="muted"> · accession {s.accession}</span>}
                </td>
                <td>{count(s.seriesCount, 'series')}</td>
                <td>{count(s.instanceCount, 'image')}</td>
                <td>
                  <ImportedMark imported={s.imported} />
                </td>
                <td className="pacs-table__actions">
                  <button
                    type="button"
                    className="button button--ghost"
                    aria-expanded={open}
                    aria-label={`Series of ${label}`}
                    onClick={() => setExpanded(open ? null : s.studyUid)}
                  >
                    Series
                  </button>{' '}
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    aria-label={`Retrieve ${picked.length ? plural(picked.length, 'series') : ''} ${label}`.replace(
                      / +/g,
                      ' ',
                    )}
                    onClick={() =>
                      onRetrieve({
                        studyUid: s.studyUid,
                        seriesUids: picked,
                        label: picked.length ? `${plural(picked.length, 'series')} of ${label}` : label,
                      })
                    }
                  >
                    {retrieving === s.studyUid && busy
                      ? 'Retrieving...'
                      : picked.length
                        ? 'Retrieve chosen'
                        : 'Retrieve'}
                  </button>
                </td>
              </tr>
              {open && (
                <tr>
                  <td colSpan={7} className="pacs-table__series">
                    <SeriesList
                      nodeId={nodeId}
                      study={s}
                      chosen={picked}
                      onChoose={(uids) => setChosen({ ...chosen, [s.studyUid]: uids })}
                    />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

function SeriesList({
  nodeId,
  study,
  chosen,
  onChoose,
}: {
  nodeId: number;
  study: PacsStudy;
  chosen: string[];
  onChoose: (uids: string[]) => void;
}) {
  const series = useRead('pacs:series', { nodeId, studyUid: study.studyUid }, { retry: false });
  if (series.error)
    return <Banner message={{ kind: 'error', text: `The series could not be listed: ${series.error.message}` }} />;
  if (!series.data) return <p role="status">Listing the series...</p>;
  if (series.data.length === 0) return <p className="muted">The PACS lists no series in this study.</p>;
  return (
    <fieldset className="pacs-series">
      <legend>Series of {studyLabel(study)}: choose some to retrieve only those</legend>
      {series.data.map((se) => (
        <label key={se.seriesUid} className="pacs-series__item">
          <input
            type="checkbox"
            checked={chosen.includes(se.seriesUid)}
            onChange={(e) =>
              onChoose(e.target.checked ? [...chosen, se.seriesUid] : chosen.filter((u) => u !== se.seriesUid))
            }
          />{' '}
          {seriesText(se)} <ImportedMark imported={se.imported} />
        </label>
      ))}
    </fieldset>
  );
}

const seriesText = (se: PacsSeries) =>
  [
    `Series ${se.number ?? '?'}`,
    se.modality,
    se.description || 'no description',
    count(se.instanceCount, 'image'),
  ].join(' · ');
