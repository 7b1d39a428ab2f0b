import { useFormContext, useWatch } from 'react-hook-form';
import type { Histotype } from '../../../shared/clinical/histotypes';
import { humanReason } from './clinical-format';
import { liveGrade, type PathologyDraft } from './pathology-draft';
import { CheckField, Group, SelectField, TextField } from './pathology-fields';

const DIFFERENTIATION = [
  ['1', '1: closely resembles normal adult tissue'],
  ['2', '2: histologic type certain'],
  ['3', '3: embryonal, undifferentiated or type uncertain'],
] as const;
const GRADES = [
  ['G1', 'G1'],
  ['G2', 'G2'],
  ['G3', 'G3'],
  ['GX', 'GX'],
] as const;

/** The FNCLCC components as typed, and the grade they give, worked out on every keystroke. */
export function FnclccGroup({ histotype }: { histotype: Histotype | undefined }) {
  const draft = useWatch({ control: useFormContext<PathologyDraft>().control }) as PathologyDraft;
  const catalogueScore = histotype?.differentiationScore ?? null;
  const showRoundCell = Boolean(histotype?.myxoidRoundCellLps) || draft.roundCellPercent.trim() !== '';
  return (
    <Group title="FNCLCC grade">
      <div className="fnclcc">
        <div className="grid grid--path">
          <SelectField
            path="differentiation"
            label="Differentiation score"
            options={DIFFERENTIATION}
            placeholder={catalogueScore ? `From the catalogue: ${catalogueScore}` : 'Not entered'}
            hint={
              catalogueScore
                ? `PDQ Table 4 gives ${catalogueScore} for ${histotype!.name}`
                : histotype
                  ? `${histotype.name} is not in PDQ Table 4: enter the score from the report`
                  : 'Choose a catalogue histotype to prefill it'
            }
          />
          <TextField path="mitosesPer10Hpf" label="Mitoses per 10 HPF" inputMode="numeric" hint="Most active area" />
          <TextField path="necrosisPercent" label="Tumour necrosis (%)" inputMode="decimal" hint="0 if none" />
          {showRoundCell && (
            <TextField
              path="roundCellPercent"
              label="Round-cell component (%)"
              inputMode="decimal"
              hint="Myxoid liposarcoma: > 5% is high grade"
            />
          )}
          <SelectField
            path="reportedGrade"
            label="Grade stated in the report"
            options={GRADES}
            placeholder="Not stated"
            hint="Used only while the components are not recorded"
          />
        </div>
        <CheckField
          path="neoadjuvantTherapy"
          label="Neoadjuvant therapy was given before this specimen"
          hint="FNCLCC grading does not apply after neoadjuvant therapy"
        />
        <LiveGrade draft={draft} />
      </div>
    </Group>
  );
}

const typed = (s: string, unit: string) => (s.trim() === '' ? 'not entered' : `${s.trim()}${unit}`);

/** The grade as it stands with what is typed: components, total and the reason. */
function LiveGrade({ draft }: { draft: PathologyDraft }) {
  const grade = liveGrade(draft);
  const c = grade.components;
  const shown = grade.reportedUsed ? draft.reportedGrade : grade.grade;
  const differentiationNote =
    c.differentiation === null ? 'not entered' : draft.differentiation === '' ? 'from the catalogue' : 'entered';
  return (
    <div
      className={`live-grade live-grade--${shown === 'GX' ? 'gx' : 'graded'}`}
      role="status"
      aria-live="polite"
      aria-label="FNCLCC grade as typed"
    >
      <div className="live-grade__code">
        <span className="live-grade__label">FNCLCC</span>
        <span className="grade-code" data-testid="live-grade">
          {shown}
        </span>
      </div>
      <div className="live-grade__body">
        <div className="score-row">
          <Score label="Differentiation" value={c.differentiation} note={differentiationNote} />
          <span className="score-row__op">+</span>
          <Score label="Mitoses" value={c.mitoses} note={typed(draft.mitosesPer10Hpf, ' per 10 HPF')} />
          <span className="score-row__op">+</span>
          <Score label="Necrosis" value={c.necrosis} note={typed(draft.necrosisPercent, '%')} />
          <span className="score-row__op">=</span>
          <Score label="Total" value={grade.score} note="2-3 G1 · 4-5 G2 · 6-8 G3" strong />
        </div>
        <p className="live-grade__reason">
          {grade.reportedUsed
            ? `${draft.reportedGrade} as stated in the report, used while the components are incomplete. `
            : ''}
          {humanReason(grade.reason)}
        </p>
      </div>
    </div>
  );
}

function Score({
  label,
  value,
  note,
  strong,
}: {
  label: string;
  value: number | null;
  note: string;
  strong?: boolean;
}) {
  return (
    <div className={`score${strong ? ' score--total' : ''}${value === null ? ' score--empty' : ''}`}>
      <span className="score__label">{label}</span>
      <span className="score__value">{value ?? '–'}</span>
      <span className="score__note">{note}</span>
    </div>
  );
}
