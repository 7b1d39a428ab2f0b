/**
 * Text from outside (a DICOM patient name, a file name on a CD) made safe to print on a terminal or in one log
 * line: control characters (C0, DEL, C1, including ESC, which starts ANSI sequences that clear the screen or fake
 * status lines) and bidirectional overrides (which reorder what is shown) become '?'. Printable text is unchanged.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, '?');
}
