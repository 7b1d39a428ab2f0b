import { useEffect, useState } from 'react';
import { stageGroupText, stageLineText, tSourceText } from '../../shared/clinical/stage-text';
import { AGENDA_STATE_LABEL } from '../../shared/domain/meeting';
import type { DeckImage, DeckPathologyReport, ResponseStudy, SlideKind, SlideOf } from '../../shared/deck/model';
import { Fit } from './Fit';
import { SumChart } from './SumChart';
import { huText } from '../../shared/deck/response-slide';
import { clock, dayMonthYear, longDate, type SlideFrame } from './frame';
import { SlideMaster } from './SlideMaster';
import { mediaSrc } from '../web-access';
import { hasPrintJpeg, printImageSrc, usePrintImages } from './print-images';

/**
 * One component per slide kind, drawing the deck model on the 1600 x 900 stage. Type sizes are for the back of a
 * room: body text starts at 30-34 px on the stage (about 22-26 pt on a projected 1920 px screen) and shrinks only
 * as far as its `Fit` minimum.
 */

interface KindProps<K extends SlideKind> {
  slide: SlideOf<K>;
  frame: SlideFrame;
  /** Called when an image of the slide has loaded or failed (the print view waits for every one). */
  onImageSettled?: () => void;
}

const Empty = ({ children }: { children: string }) => <p className="s-empty">{children}</p>;

// ---- Agenda -------------------------------------------------------------------------------------------------

function AgendaTable({ rows }: { rows: SlideOf<'agenda'>['content']['rows'] }) {
  return (
    <table className="s-agenda__table">
      <colgroup>
        <col className="s-col-num" />
        <col className="s-col-time" />
        <col />
        <col className="s-col-presenter" />
        <col className="s-col-min" />
      </colgroup>
      <thead>
        <tr>
          <th>#</th>
          <th>Time</th>
          <th>Patient and diagnosis</th>
          <th>Presenter</th>
          <th className="s-min">Min</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.itemId} className={r.state !== 'pending' ? 'is-done' : ''}>
            <td className="s-num">
              <span className="s-num__badge">{r.number}</span>
            </td>
            <td className="s-time">{clock(r.plannedStart)}</td>
            <td className="s-patient">
              <strong>{r.label}</strong> <span className="s-muted">{r.ageSex}</span>
              {r.carriedOver && <span className="s-tag s-tag--carried">Carried over</span>}
              {r.state !== 'pending' && <span className="s-tag">{AGENDA_STATE_LABEL[r.state]}</span>}
              <div className="s-agenda__dx">{r.diagnosis}</div>
            </td>
            <td className="s-presenter">{r.presenter || '–'}</td>
            <td className="s-min">{r.minutes}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * One page of the agenda: the deck model splits a long agenda over several slides of at most
 * AGENDA_ROWS_PER_PAGE cases ("Agenda 1/3"), so every case stays legible; the meeting's totals show on each.
 */
export function AgendaSlideView({ slide, frame }: KindProps<'agenda'>) {
  const c = slide.content;
  const m = c.meeting;
  const where = m.place || (m.videoLink ? 'By video' : '');
  return (
    <SlideMaster frame={frame} title={slide.title} kind="agenda">
      <div className="s-agenda">
        <div className="s-agenda__meeting">
          <div className="s-agenda__when">
            {longDate(m.startsAt)}, {clock(m.startsAt)}–{clock(m.endsAt)}
          </div>
          <div className="s-agenda__where">
            {[m.boardLabel !== m.title ? m.boardLabel : '', where, m.chair ? `Chair: ${m.chair}` : '']
              .filter(Boolean)
              .join(' · ')}
          </div>
          <div className={`s-agenda__total${c.minutesLeft < 0 ? ' is-over' : ''}`}>
            {c.caseCount} case{c.caseCount === 1 ? '' : 's'} · {c.totalMinutes} of {m.durationMinutes} min
            {c.minutesLeft < 0 ? ` · ${-c.minutesLeft} over` : c.minutesLeft > 0 ? ` · ${c.minutesLeft} to spare` : ''}
          </div>
        </div>
        <Fit max={32} min={18} className="s-agenda__table-box" watch={c.rows}>
          {c.rows.length === 0 ? <Empty>No cases on the agenda yet.</Empty> : <AgendaTable rows={c.rows} />}
        </Fit>
      </div>
    </SlideMaster>
  );
}

// ---- Title and summary (the case opener) ------------------------------------------------------------------------

export function TitleSlideView({ slide, frame }: KindProps<'title'>) {
  const c = slide.content;
  const p = c.patient;
  const ids = [p.mrn ? `MRN ${p.mrn}` : '', p.dateOfBirth ? `born ${dayMonthYear(p.dateOfBirth)}` : '']
    .filter(Boolean)
    .join(' · ');
  const facts: [string, string][] = [
    ['Site', c.siteChapterLabel],
    ['ECOG', c.ecogLabel ?? 'not recorded'],
    ['Consultant', c.consultant],
    ...(c.referringHospital ? ([['Referred by', c.referringHospital]] as [string, string][]) : []),
  ];
  return (
    <SlideMaster frame={frame} title={slide.title} kind="title" variant="opener">
      <div className="s-opener">
        <aside className="s-opener__side">
          <div className="s-opener__label">Case</div>
          <div className="s-opener__number">{c.number ?? '–'}</div>
          {c.presenter && <div className="s-opener__presenter">{c.presenter}</div>}
          {c.minutes !== null && (
            <div className="s-opener__minutes">
              {c.minutes} min{frame.plannedStart ? ` · ${clock(frame.plannedStart)}` : ''}
            </div>
          )}
          {c.history.length > 0 && (
            <div className="s-opener__history">
              <div className="s-opener__history-label">Earlier at the board</div>
              {c.history.map((h) => (
                <p key={h}>{h}</p>
              ))}
            </div>
          )}
        </aside>
        <div className="s-opener__main">
          <h1 className="s-opener__name" data-testid="slide-title">
            {slide.title}
          </h1>
          <div className="s-opener__who">
            {slide.text.summary}
            {ids && <span className="s-opener__ids"> · {ids}</span>}
          </div>
          <Fit
            max={34}
            min={20}
            className="s-opener__fit"
            watch={[slide.text.diagnosis, slide.text.site, slide.text.question]}
          >
            <p className="s-opener__dx">{slide.text.diagnosis || 'Working diagnosis not recorded'}</p>
            {slide.text.site && <p className="s-opener__site">{slide.text.site}</p>}
            <dl className="s-facts">
              {facts.map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
            {slide.text.question && (
              <div className="s-question">
                <div className="s-question__label">Question for the board</div>
                <p>{slide.text.question}</p>
              </div>
            )}
          </Fit>
        </div>
      </div>
    </SlideMaster>
  );
}

// ---- Clinical history and timeline -------------------------------------------------------------------------------

/** At most this many timeline entries on the history slide (the latest; the presenter view has them all). */
const TIMELINE_MAX = 7;

export function HistorySlideView({ slide, frame }: KindProps<'history'>) {
  const c = slide.content;
  if (c.part > 1) {
    // "History (continued)": more of a long history, as large as the first part.
    return (
      <SlideMaster frame={frame} title={slide.title} kind="history">
        <Fit max={32} min={20} className="s-history s-history--more" watch={slide.text.history}>
          <p className="s-prose">{slide.text.history}</p>
          {c.part < c.parts && <p className="s-continued">Continued on the next slide</p>}
        </Fit>
      </SlideMaster>
    );
  }
  const timeline = c.timeline.length > TIMELINE_MAX ? c.timeline.slice(-TIMELINE_MAX) : c.timeline;
  return (
    <SlideMaster frame={frame} title={slide.title} kind="history">
      <div className="s-cols s-cols--history">
        <Fit max={32} min={20} className="s-history" watch={slide.text.history}>
          {slide.text.history ? (
            <p className="s-prose">{slide.text.history}</p>
          ) : (
            <Empty>No clinical history recorded.</Empty>
          )}
          {c.parts > 1 && <p className="s-continued">Continued on the next slide</p>}
        </Fit>
        <Fit max={26} min={18} className="s-history-side" watch={[slide.text.comorbidities, c.ecogLabel, c.timeline]}>
          <dl className="s-facts s-facts--stacked">
            <div>
              <dt>Comorbidities</dt>
              <dd>{slide.text.comorbidities || 'None recorded'}</dd>
            </div>
            <div>
              <dt>ECOG</dt>
              <dd>{c.ecogLabel ?? 'Not recorded'}</dd>
            </div>
          </dl>
          <div className="s-panel-label">
            {timeline.length < c.timeline.length
              ? `Timeline (latest ${timeline.length} of ${c.timeline.length})`
              : 'Timeline'}
          </div>
          {c.timeline.length === 0 ? (
            <Empty>No events yet.</Empty>
          ) : (
            <ol className="s-timeline">
              {timeline.map((t, i) => (
                <li key={i} className={`s-timeline__item s-timeline__item--${t.kind}`}>
                  <div className="s-timeline__date">{dayMonthYear(t.date) || 'Undated'}</div>
                  <div className="s-timeline__title">{t.title}</div>
                  {t.detail && <div className="s-timeline__detail">{t.detail}</div>}
                </li>
              ))}
            </ol>
          )}
        </Fit>
      </div>
    </SlideMaster>
  );
}

// ---- Imaging ---------------------------------------------------------------------------------------------------

/** A frozen image whose PNG was already gone at sign-off: nothing to load, so it is settled at once. */
function MissingImage({ onSettled }: { onSettled?: () => void }) {
  useEffect(() => onSettled?.(), [onSettled]);
  return <div className="s-image__missing">Key image file missing at sign-off</div>;
}

/**
 * A key image as shown: its PNG, or in print its JPEG, falling back to the PNG when none is kept (the 404 is not
 * the end: data-fallback tells print-ready.ts to wait for the PNG).
 */
function KeyImg({ image, onSettled }: { image: DeckImage; onSettled?: () => void }) {
  const jpeg = usePrintImages() && hasPrintJpeg(image);
  const [pngInstead, setPngInstead] = useState(false);
  const tryingJpeg = jpeg && !pngInstead;
  return (
    <img
      src={tryingJpeg ? printImageSrc(image) : mediaSrc(image.src)}
      alt={image.caption}
      data-fallback={tryingJpeg ? 'png' : undefined}
      onLoad={onSettled}
      onError={() => (tryingJpeg ? setPngInstead(true) : onSettled?.())}
      decoding="sync"
    />
  );
}

function ImageTile({ image, onSettled }: { image: DeckImage; onSettled?: () => void }) {
  const where = [image.seriesDescription, dayMonthYear(image.studyDate)].filter(Boolean).join(' · ');
  return (
    <figure className="s-image">
      <div className="s-image__frame">
        {image.missing ? (
          // Frozen at sign-off without its PNG (the file was already gone): say so rather than show a broken image.
          <MissingImage onSettled={onSettled} />
        ) : (
          <KeyImg image={image} onSettled={onSettled} />
        )}
      </div>
      <figcaption>
        <div className="s-image__caption">{image.caption}</div>
        {image.measurements.length > 0 && (
          <div className="s-image__measures">
            {image.measurements.map((m) => (
              <span key={m} className="s-measure">
                {m}
              </span>
            ))}
          </div>
        )}
        {where && <div className="s-image__where">{where}</div>}
      </figcaption>
    </figure>
  );
}

export function ImagingSlideView({ slide, frame, onImageSettled }: KindProps<'imaging'>) {
  const c = slide.content;
  const hasSide = c.lesions.length > 0 || Boolean(slide.text.summary);
  return (
    <SlideMaster frame={frame} title={slide.title} kind="imaging">
      <div
        className={`s-imaging${hasSide && c.images.length > 0 ? ' s-imaging--side' : ''}${c.images.length === 0 ? ' s-imaging--none' : ''}`}
      >
        {c.images.length > 0 && (
          <div className={`s-images s-images--${c.images.length}`}>
            {c.images.map((img) => (
              <ImageTile key={img.keyImageId} image={img} onSettled={onImageSettled} />
            ))}
          </div>
        )}
        {hasSide && (
          <Fit max={c.images.length ? 26 : 34} min={18} className="s-lesions" watch={[c.lesions, slide.text.summary]}>
            {slide.text.summary && <p className="s-lead">{slide.text.summary}</p>}
            {c.lesions.length > 0 && (
              <>
                <div className="s-panel-label">Lesion sizes</div>
                <ul className="s-lesion-list">
                  {c.lesions.map((l, i) => (
                    <li key={i}>
                      <div className="s-lesion__size">{l.size}</div>
                      <div className="s-lesion__label">{l.label}</div>
                      <div className="s-muted s-small">
                        {[
                          dayMonthYear(l.studyDate),
                          l.source === 'measured' ? 'measured on the images' : 'from the report',
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </div>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {c.images.length === 0 && (
              <p className="s-muted s-small s-noimage">No key image saved yet: sizes as recorded.</p>
            )}
          </Fit>
        )}
      </div>
    </SlideMaster>
  );
}

// ---- Response to treatment -------------------------------------------------------------------------------------

/** One side of the Response slide: the study's date, its key image(s) and the target lesions' measurements. */
function ResponseStudyColumn({
  label,
  study,
  onSettled,
}: {
  label: string;
  study: ResponseStudy;
  onSettled?: () => void;
}) {
  return (
    <section
      className="s-response__study"
      data-testid="response-study"
      aria-label={`${label}, ${dayMonthYear(study.date)}`}
    >
      <div className="s-response__when">
        <span className="s-panel-label">{label}</span> <strong>{dayMonthYear(study.date)}</strong>
      </div>
      {study.images.length > 0 ? (
        <div className={`s-images s-images--${study.images.length}`}>
          {study.images.map((img) => (
            <ImageTile key={img.keyImageId} image={img} onSettled={onSettled} />
          ))}
        </div>
      ) : (
        <div className="s-response__noimage">No key image saved on this study</div>
      )}
      <ul className="s-response__measures">
        {study.measurements.map((m) => (
          <li key={m}>{m}</li>
        ))}
        {study.sumMm !== null && (
          <li className="s-response__sum">
            Sum {Number(study.sumMm.toFixed(1))} mm
            {study.meanHu !== null ? ` · mean ${huText(study.meanHu)}` : ''}
          </li>
        )}
      </ul>
    </section>
  );
}

export function ResponseSlideView({ slide, frame, onImageSettled }: KindProps<'response'>) {
  const c = slide.content;
  return (
    <SlideMaster frame={frame} title={slide.title} kind="response">
      <div className="s-response">
        <div className="s-response__pair">
          <ResponseStudyColumn label="Baseline" study={c.baseline} onSettled={onImageSettled} />
          <ResponseStudyColumn label="Current" study={c.current} onSettled={onImageSettled} />
        </div>
        <div className="s-response__side">
          <div className="s-response__categories" data-testid="response-category">
            <div className={`s-response__cat s-response__cat--${(c.recist?.overall ?? 'ne').toLowerCase()}`}>
              <div className="s-panel-label">RECIST 1.1</div>
              <div className="s-response__cat-value">{c.recist?.overall ?? '–'}</div>
              <div className="s-response__cat-label">{c.recist?.overallLabel ?? 'Not assessed'}</div>
            </div>
            <div className={`s-response__cat s-response__cat--${(c.choi?.response ?? 'ne').toLowerCase()}`}>
              <div className="s-panel-label">Choi</div>
              <div className="s-response__cat-value">{c.choi?.response ?? '–'}</div>
              <div className="s-response__cat-label">{c.choi?.label ?? 'No density measured'}</div>
            </div>
          </div>
          <div className="s-panel-label">Sum of target diameters</div>
          <SumChart points={c.points} text={c.chartText} nadirDate={c.nadirDate} />
          <Fit max={24} min={18} className="s-response__why" watch={[slide.text.summary, c.explanation]}>
            {slide.text.summary && <p className="s-lead s-lead--small">{slide.text.summary}</p>}
            {c.explanation && <p className="s-prose">{c.explanation}</p>}
          </Fit>
        </div>
      </div>
    </SlideMaster>
  );
}

// ---- Pathology -------------------------------------------------------------------------------------------------

const COMPONENTS: [keyof DeckPathologyReport['grade']['components'], string][] = [
  ['differentiation', 'Differentiation'],
  ['mitoses', 'Mitoses'],
  ['necrosis', 'Necrosis'],
];

function GradeCard({ grade }: { grade: DeckPathologyReport['grade'] }) {
  return (
    <div className={`s-grade s-grade--${grade.grade.toLowerCase()}`}>
      <div className="s-panel-label">FNCLCC grade</div>
      <div className="s-grade__row">
        <div className="s-grade__value">{grade.grade}</div>
        <div className="s-grade__score">
          {grade.score !== null
            ? `Score ${grade.score}`
            : grade.status === 'not-gradable'
              ? 'Not gradable'
              : grade.source === 'reported'
                ? 'As reported'
                : 'Incomplete'}
        </div>
      </div>
      <div className="s-grade__parts">
        {COMPONENTS.map(([k, label]) => (
          <div key={k} className={`s-grade__part${grade.components[k] === null ? ' is-missing' : ''}`}>
            <div className="s-grade__part-value">{grade.components[k] ?? '?'}</div>
            <div className="s-grade__part-label">{label}</div>
          </div>
        ))}
      </div>
    </div>
  );
}

/** Open work-up states on the plan slide, in words as well as colour. */
const OPEN_STATE = { missing: '! Missing', pending: '? Pending', stale: '↻ Stale' } as const;

export function PathologySlideView({ slide, frame }: KindProps<'pathology'>) {
  const [driving, ...others] = slide.content.reports;
  // Not a sarcoma (site chapter 'other'): no FNCLCC grade card, no sarcoma expert review line.
  const sarcoma = slide.content.sarcoma !== false;
  if (!driving) {
    return (
      <SlideMaster frame={frame} title={slide.title} kind="pathology">
        <div className="s-center">
          <p className="s-lead">{slide.text.summary}</p>
        </div>
      </SlideMaster>
    );
  }
  const facts: [string, string][] = [
    [
      'Specimen',
      [driving.procedure, dayMonthYear(driving.specimenDate), driving.specimenId ?? ''].filter(Boolean).join(' · '),
    ],
    ...(driving.laboratory ? ([['Laboratory', driving.laboratory]] as [string, string][]) : []),
    ...(driving.margin ? ([['Margins', driving.margin]] as [string, string][]) : []),
    ...(driving.neoadjuvantTherapy || driving.treatmentEffect
      ? ([['Treatment effect', driving.treatmentEffect || 'after neoadjuvant therapy']] as [string, string][])
      : []),
    ...(sarcoma || driving.expertReview
      ? ([
          [
            'Expert review',
            driving.expertReview
              ? `${driving.expertReview.by}, ${dayMonthYear(driving.expertReview.date)} (${driving.expertReview.agreement})`
              : 'Not yet reviewed by a sarcoma pathologist',
          ],
        ] as [string, string][])
      : []),
  ];
  return (
    <SlideMaster frame={frame} title={slide.title} kind="pathology">
      <div className="s-cols s-cols--pathology">
        <Fit max={30} min={18} className="s-path" watch={[slide.text.summary, slide.content.reports]}>
          <p className="s-path__histotype">
            {driving.histotype}
            {driving.icdO3 && (
              <>
                {' '}
                <span className="s-code">ICD-O-3 {driving.icdO3}</span>
              </>
            )}
          </p>
          {slide.text.summary && <p className="s-lead s-lead--small">{slide.text.summary}</p>}
          <dl className="s-facts">
            {facts.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
          {others.length > 0 && (
            <div className="s-path__others">
              <div className="s-panel-label">Earlier reports</div>
              {others.map((r) => (
                <p key={r.reportId}>
                  {dayMonthYear(r.specimenDate)}, {r.procedure}: {r.histotype}
                  {sarcoma ? ` (${r.grade.grade})` : ''}
                </p>
              ))}
            </div>
          )}
        </Fit>
        <div className="s-path__side">
          {sarcoma && <GradeCard grade={driving.grade} />}
          <Fit max={26} min={18} className="s-markers-box" watch={[driving.ihc, driving.molecular]}>
            <div className="s-panel-label">Immunohistochemistry</div>
            {driving.ihc.length ? (
              <div className="s-markers">
                {driving.ihc.map((m, i) => (
                  <span key={i} className={`s-marker s-marker--${m.result.replace(/\s+/g, '-').toLowerCase()}`}>
                    <strong>{m.marker}</strong> {m.result}
                    {m.note ? <span className="s-muted"> ({m.note})</span> : null}
                  </span>
                ))}
              </div>
            ) : (
              <Empty>None reported</Empty>
            )}
            <div className="s-panel-label">Molecular</div>
            {driving.molecular.length ? (
              <ul className="s-list">
                {driving.molecular.map((m, i) => (
                  <li key={i}>
                    <strong>{m.test}</strong>: {m.result}
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>None reported</Empty>
            )}
          </Fit>
        </div>
      </div>
    </SlideMaster>
  );
}

// ---- Staging ---------------------------------------------------------------------------------------------------

export function StagingSlideView({ slide, frame }: KindProps<'staging'>) {
  const c = slide.content;
  const p = c.pathological;
  // The pathological stage leads when there is one (pT after a resection); the clinical one follows with its source.
  const head = p ?? c;
  const tiles: [string, string | null][] = [
    ['T', head.T],
    ['N', head.N],
    ['M', head.M],
    ['G', head.G],
  ];
  const atLeast = head.atLeastStageGroup ? stageGroupText(head) : null;
  return (
    <SlideMaster frame={frame} title={slide.title} kind="staging">
      <div className="s-staging">
        {c.applicable ? (
          <div className="s-tnm">
            {tiles.map(([k, v]) => (
              <div key={k} className="s-tnm__tile">
                <div className="s-tnm__key">{k}</div>
                <div className="s-tnm__value">{v ?? `${k}X`}</div>
              </div>
            ))}
            <div className="s-tnm__tile s-tnm__tile--stage">
              <div className="s-tnm__key">AJCC 8th stage{p ? ' (pathological)' : ''}</div>
              <div
                className={`s-tnm__value${head.atLeastStageGroup ? ' s-tnm__value--at-least' : ''}`}
                data-testid="slide-stage-group"
              >
                {head.stageGroup ?? '–'}
                {head.atLeastStageGroup && (
                  <>
                    {/* Read as "IB, at least IIIB"; shown on two lines. */}
                    <span className="visually-hidden">, </span>
                    <span className="s-tnm__at-least">at least {head.atLeastStageGroup}</span>
                  </>
                )}
              </div>
            </div>
          </div>
        ) : (
          <p className="s-lead">{c.summary}</p>
        )}
        <Fit
          max={30}
          min={18}
          className="s-staging__text"
          watch={[slide.text.explanation, c.note, c.size.text, p?.source ?? '']}
        >
          {atLeast && <p className="s-warning">Stage {atLeast}</p>}
          {slide.text.explanation && <p className="s-prose">{slide.text.explanation}</p>}
          {c.applicable && (
            <dl className="s-facts s-facts--inline">
              {p && (
                <div>
                  <dt>Pathological</dt>
                  <dd>
                    {tSourceText(p.T, p.source)}. {p.gradeNote}
                  </dd>
                </div>
              )}
              <div>
                <dt>{p ? `Clinical: ${stageLineText(c)}` : 'Size for T'}</dt>
                <dd>{tSourceText(c.T, c.size.text)}</dd>
              </div>
            </dl>
          )}
          {c.applicable && c.size.stale && <p className="s-warning">{c.size.staleReason}</p>}
          {c.applicable && c.defaults && (
            <p className="s-warning">No staging inputs saved: nodes counted as N0 and M0 by default.</p>
          )}
        </Fit>
      </div>
    </SlideMaster>
  );
}

// ---- Proposed plan and the question ------------------------------------------------------------------------------

export function PlanSlideView({ slide, frame }: KindProps<'plan'>) {
  const c = slide.content;
  const r = c.readiness;
  return (
    <SlideMaster frame={frame} title={slide.title} kind="plan">
      <div className="s-cols s-cols--plan">
        <Fit max={32} min={18} className="s-plan" watch={[slide.text.question, slide.text.proposal, c.options]}>
          {slide.text.question && (
            <div className="s-question">
              <div className="s-question__label">Question for the board</div>
              <p>{slide.text.question}</p>
            </div>
          )}
          <div className="s-panel-label">Proposed</div>
          {c.options.length > 0 && (
            <div className="s-options">
              {c.options.map((o) => (
                <span key={o.id} className="s-option">
                  {o.label}
                </span>
              ))}
            </div>
          )}
          {slide.text.proposal ? (
            <p className="s-prose">{slide.text.proposal}</p>
          ) : (
            c.options.length === 0 && <Empty>No plan proposed yet: for the board to decide.</Empty>
          )}
        </Fit>
        <Fit
          max={26}
          min={18}
          className={`s-readiness s-readiness--${r.ready || (r.missing === 0 && !r.pending && r.stale === 0) ? 'done' : r.missing || r.pending ? 'missing' : 'stale'}`}
          watch={r}
        >
          <div className="s-panel-label">Work-up for this meeting</div>
          {r.open.length === 0 ? (
            <p className="s-readiness__done">✓ Work-up complete</p>
          ) : (
            <>
              <p className="s-readiness__count">
                {[
                  r.missing ? `${r.missing} missing` : '',
                  r.pending ? `${r.pending} pending` : '',
                  r.stale ? `${r.stale} stale` : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              <ul className="s-open">
                {r.open.map((o) => (
                  <li key={o.label} className={`s-open__item s-open__item--${o.state}`}>
                    <span className="s-open__state">{OPEN_STATE[o.state]}</span> {o.label}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Fit>
      </div>
    </SlideMaster>
  );
}
