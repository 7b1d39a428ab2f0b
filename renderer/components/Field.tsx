import { useId, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  wide?: boolean;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
    required?: boolean;
  }) => ReactNode;
}

/** A labelled form control with its inline error; the error is linked for screen readers. */
export function Field({ label, error, hint, required, wide, children }: FieldProps) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className={`field${wide ? ' field--wide' : ''}${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="field__required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {children({
        id,
        'aria-invalid': Boolean(error),
        'aria-describedby': error || hint ? messageId : undefined,
        required,
      })}
      {error ? (
        <div className="field__error" id={messageId} role="alert">
          {error}
        </div>
      ) : hint ? (
        <div className="field__hint" id={messageId}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}
