/** One field an audited change touched, as the Audit screen shows it: "status: draft → ready". */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * The fields that differ between a row's before and after (an insert lists what it set, a delete what it had),
 * in the row's column order. Values are compared as JSON, so 1 and "1" differ as they do in the database.
 */
export function fieldChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields
    .map((field) => ({ field, before: before?.[field] ?? null, after: after?.[field] ?? null }))
    .filter((c) => !before || !after || JSON.stringify(c.before) !== JSON.stringify(c.after))
    .filter((c) => before !== null || after === null || c.after !== null);
}

/** A value as one short line: text quoted and cut, null as an em dash. */
export function shortValue(value: unknown, max = 60): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? `“${value}”` : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
