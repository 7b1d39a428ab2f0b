/**
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF, and a field that holds a comma, a double
 * quote, a CR or an LF enclosed in double quotes with its quotes doubled. Spreadsheets read it back as written.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
