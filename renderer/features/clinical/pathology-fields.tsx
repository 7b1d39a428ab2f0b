import type { ReactNode } from 'react';
import { get, useFormContext, type FieldPath } from 'react-hook-form';
import { Field } from '../../components/Field';
import { Options } from './clinical-controls';
import type { PathologyDraft } from './pathology-draft';

/**
 * The pathology form's controls, each bound to its draft path in the surrounding React Hook Form: the error shown is
 * the form's (from the schema once the field was left or the form submitted, or from the main process after a
 * refused save), so no control keeps its own draft, touched or server-error state.
 */

type Path = FieldPath<PathologyDraft>;

/** The message to show under `path` (a draft path, or 'histotypeText', the schema's name for free text), if any. */
export function useFieldError(path: Path | 'histotypeText'): string | undefined {
  const { formState } = useFormContext<PathologyDraft>();
  return (get(formState.errors, path) as { message?: string } | undefined)?.message;
}

interface Common {
  path: Path;
  label: string;
  hint?: string;
  required?: boolean;
  wide?: boolean;
}

export function TextField({
  path,
  label,
  hint,
  required,
  wide,
  type = 'text',
  placeholder,
  inputMode,
  list,
}: Common & { type?: string; placeholder?: string; inputMode?: 'decimal' | 'numeric'; list?: string }) {
  const { register } = useFormContext<PathologyDraft>();
  return (
    <Field label={label} error={useFieldError(path)} hint={hint} required={required} wide={wide}>
      {(p) => (
        <input {...p} type={type} inputMode={inputMode} placeholder={placeholder} list={list} {...register(path)} />
      )}
    </Field>
  );
}

export function TextAreaField({
  path,
  label,
  hint,
  rows,
  placeholder,
}: Common & { rows: number; placeholder?: string }) {
  const { register } = useFormContext<PathologyDraft>();
  return (
    <Field label={label} error={useFieldError(path)} hint={hint} wide>
      {(p) => <textarea {...p} rows={rows} placeholder={placeholder} {...register(path)} />}
    </Field>
  );
}

export function SelectField({
  path,
  label,
  hint,
  required,
  options,
  placeholder,
}: Common & { options: readonly (readonly [string, string])[]; placeholder?: string }) {
  const { register } = useFormContext<PathologyDraft>();
  return (
    <Field label={label} error={useFieldError(path)} hint={hint} required={required}>
      {(p) => (
        <select {...p} {...register(path)}>
          <Options options={options} placeholder={placeholder} />
        </select>
      )}
    </Field>
  );
}

export function CheckField({
  path,
  label,
  hint,
}: {
  path: 'neoadjuvantTherapy' | 'closestMarginLessThan' | 'reviewed' | `margins.${number}.${'lessThan' | 'involved'}`;
  label: string;
  hint?: string;
}) {
  const { register } = useFormContext<PathologyDraft>();
  return (
    <label className="check">
      <input type="checkbox" {...register(path)} />
      <span>
        {label}
        {hint && <span className="check__hint">{hint}</span>}
      </span>
    </label>
  );
}

export function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="path-group">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}
