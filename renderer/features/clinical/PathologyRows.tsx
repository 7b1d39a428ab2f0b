import { useFieldArray, useFormContext, useWatch, type FieldPath } from 'react-hook-form';
import type { Histotype } from '../../../shared/clinical/histotypes';
import { EMPTY_MARGIN, type PathologyDraft } from './pathology-draft';
import { CheckField, Group, SelectField, TextField } from './pathology-fields';

const IHC_MARKERS = [
  'Desmin',
  'SMA',
  'h-Caldesmon',
  'MDM2',
  'CDK4',
  'S100',
  'SOX10',
  'CD34',
  'ERG',
  'CD31',
  'MyoD1',
  'Myogenin',
  'STAT6',
  'TLE1',
  'INI1 (SMARCB1)',
  'Pan-cytokeratin',
  'EMA',
  'Ki-67',
  'beta-catenin',
  'ALK',
];
const MOLECULAR_TESTS = [
  'MDM2 amplification (FISH)',
  'CDK4 amplification (FISH)',
  'DDIT3 rearrangement (FISH)',
  'SS18 rearrangement (FISH)',
  'EWSR1 rearrangement (FISH)',
  'FOXO1 rearrangement (FISH)',
  'NGS fusion panel (RNA)',
];
const IHC_RESULTS = [
  ['positive', 'Positive'],
  ['negative', 'Negative'],
  ['focal', 'Focal'],
  ['equivocal', 'Equivocal'],
] as const;

type ListName = 'ihc' | 'molecular';

/** One column of a repeated row: a text box (with suggestions) or a choice, labelled "<label> <row number>". */
interface Column {
  key: string;
  label: string;
  placeholder?: string;
  suggestions?: string;
  options?: readonly (readonly [string, string])[];
}

/** Rows of one list (immunostains, molecular results): add, edit and remove, bound to the form by index. */
function Rows({
  name,
  columns,
  noun,
  fields,
  remove,
}: {
  name: ListName;
  columns: Column[];
  noun: string;
  /** The list's rows and removal, from the one `useFieldArray` of its group. */
  fields: readonly { id: string }[];
  remove: (index: number) => void;
}) {
  if (!fields.length) return null;
  return (
    <div className="rows">
      {fields.map((row, i) => (
        <div className={`row row--${name === 'ihc' ? 'ihc' : 'mol'}`} key={row.id}>
          {columns.map((c) => {
            const path = `${name}.${i}.${c.key}` as FieldPath<PathologyDraft>;
            return c.options ? (
              <SelectField
                key={c.key}
                path={path}
                label={`${c.label} ${i + 1}`}
                options={c.options}
                placeholder="Choose..."
              />
            ) : (
              <TextField
                key={c.key}
                path={path}
                label={`${c.label} ${i + 1}`}
                placeholder={c.placeholder}
                list={c.suggestions}
              />
            );
          })}
          <button
            type="button"
            className="button button--ghost row__remove"
            aria-label={`Remove ${noun} ${i + 1}`}
            onClick={() => remove(i)}
          >
            Remove
          </button>
        </div>
      ))}
    </div>
  );
}

export function IhcGroup() {
  const { control } = useFormContext<PathologyDraft>();
  const { fields, append, remove } = useFieldArray({ control, name: 'ihc' });
  return (
    <Group title="Immunohistochemistry">
      <Rows
        fields={fields}
        remove={remove}
        name="ihc"
        noun="marker"
        columns={[
          { key: 'marker', label: 'Marker', placeholder: 'e.g. Desmin', suggestions: 'ihc-markers' },
          { key: 'result', label: 'Result', options: IHC_RESULTS },
          { key: 'note', label: 'Note', placeholder: 'e.g. diffuse' },
        ]}
      />
      <Suggestions id="ihc-markers" values={IHC_MARKERS} />
      <button
        type="button"
        className="button button--small"
        onClick={() => append({ marker: '', result: '', note: '' })}
      >
        Add immunostain
      </button>
    </Group>
  );
}

export function MolecularGroup({ histotype }: { histotype: Histotype | undefined }) {
  const { control } = useFormContext<PathologyDraft>();
  const { fields, append, remove } = useFieldArray({ control, name: 'molecular' });
  const molecular = useWatch({ control, name: 'molecular' });
  return (
    <Group title="Molecular">
      <Rows
        fields={fields}
        remove={remove}
        name="molecular"
        noun="test"
        columns={[
          { key: 'test', label: 'Test', placeholder: 'e.g. MDM2 amplification (FISH)', suggestions: 'molecular-tests' },
          { key: 'result', label: 'Finding', placeholder: 'e.g. amplified' },
        ]}
      />
      <Suggestions id="molecular-tests" values={MOLECULAR_TESTS} />
      <div className="row-actions">
        <button type="button" className="button button--small" onClick={() => append({ test: '', result: '' })}>
          Add molecular result
        </button>
        {histotype?.needsMdm2 && !molecular.some((m) => /mdm2/i.test(m.test)) && (
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => append({ test: 'MDM2 amplification (FISH)', result: '' })}
          >
            + MDM2 FISH (needed for {histotype.name.toLowerCase()})
          </button>
        )}
      </div>
    </Group>
  );
}

const MARGIN_NAMES = ['deep', 'superficial', 'proximal', 'distal', 'medial', 'lateral', 'anterior', 'posterior'];

/**
 * The specimen's margins, one row each: name, distance (mm), "less than" and involved. Left empty, the closest
 * margin above is taken from the nearest of these when the report is saved (docs/clinical-rules.md#specimen-margins).
 */
export function MarginRows() {
  const { control } = useFormContext<PathologyDraft>();
  const { fields, append, remove } = useFieldArray({ control, name: 'margins' });
  return (
    <div className="margin-rows">
      {fields.length > 0 && (
        <div className="rows">
          {fields.map((row, i) => (
            <div className="row row--margin" key={row.id}>
              <TextField
                path={`margins.${i}.margin`}
                label={`Margin ${i + 1}`}
                placeholder="e.g. deep"
                list="margin-names"
              />
              <TextField path={`margins.${i}.distanceMm`} label={`Distance ${i + 1} (mm)`} inputMode="decimal" />
              <div className="row__checks">
                <CheckField path={`margins.${i}.lessThan`} label={`Less than (margin ${i + 1})`} />
                <CheckField path={`margins.${i}.involved`} label={`Involved (margin ${i + 1})`} />
              </div>
              <button
                type="button"
                className="button button--ghost row__remove"
                aria-label={`Remove margin ${i + 1}`}
                onClick={() => remove(i)}
              >
                Remove
              </button>
            </div>
          ))}
        </div>
      )}
      <Suggestions id="margin-names" values={MARGIN_NAMES} />
      <button type="button" className="button button--small" onClick={() => append({ ...EMPTY_MARGIN })}>
        Add margin
      </button>
    </div>
  );
}

function Suggestions({ id, values }: { id: string; values: readonly string[] }) {
  return (
    <datalist id={id}>
      {values.map((m) => (
        <option key={m} value={m} />
      ))}
    </datalist>
  );
}
