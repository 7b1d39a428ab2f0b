import type { ReactNode } from 'react';
import { clock, shortDate, type SlideFrame } from './frame';

/**
 * The slide master: every slide has the same header (case number, slide title, short patient label) and footer
 * (meeting, de-identified mark, slide number), so a deck reads as one piece however its slides were assembled.
 */
export function SlideMaster({
  frame,
  title,
  kind,
  children,
  variant,
}: {
  frame: SlideFrame;
  title: string;
  kind: string;
  children: ReactNode;
  /** 'opener': the case's title slide draws its own header. */
  variant?: 'opener';
}) {
  return (
    <div className={`slide slide--${kind}${variant ? ` slide--${variant}` : ''}`} data-slide-kind={kind}>
      {variant !== 'opener' && (
        <header className="slide__head">
          {frame.caseNumber !== null ? (
            <div className="slide__case" aria-label={`Case ${frame.caseNumber}`}>
              {frame.caseNumber}
            </div>
          ) : (
            <div className="slide__case slide__case--mark" aria-hidden="true">
              B
            </div>
          )}
          <h1 className="slide__title" data-testid="slide-title">
            {title}
          </h1>
          {frame.caseLabel !== null && (
            <div className="slide__patient">
              <span className="slide__patient-name">{frame.caseLabel}</span>
              {frame.ageSex && <span className="slide__patient-age">{frame.ageSex}</span>}
            </div>
          )}
        </header>
      )}
      <div className="slide__body">{children}</div>
      <footer className="slide__foot">
        <span className="slide__meeting">
          {frame.meetingTitle} · {shortDate(frame.startsAt)}
          {frame.plannedStart ? ` · case at ${clock(frame.plannedStart)}` : ''}
        </span>
        {frame.deidentified && <span className="slide__deid">De-identified</span>}
        <span className="slide__number" data-testid="slide-number">
          {frame.number} / {frame.total}
        </span>
      </footer>
    </div>
  );
}
