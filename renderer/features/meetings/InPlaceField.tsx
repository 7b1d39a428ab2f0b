import type { InputHTMLAttributes } from 'react';

/** A field of the row edited in place: saved when the focus leaves it or on Enter. */
export function InPlaceField({
  label,
  name,
  className,
  onChange,
  onCommit,
  ...input
}: {
  label: string;
  /** The field's full name, with the case it belongs to ("Presenter for SMITH, Jo"). */
  name: string;
  className?: string;
  onChange: (value: string) => void;
  onCommit: () => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'name'>) {
  return (
    <label className={`arow__field${className ? ` ${className}` : ''}`}>
      <span>{label}</span>
      <input
        {...input}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onCommit}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          onCommit();
        }}
        aria-label={name}
      />
    </label>
  );
}
