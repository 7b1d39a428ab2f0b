/**
 * The ↑ ↓ pair that moves one entry of an ordered list (agenda cases, a case's slides). A missing handler disables
 * its button: the first entry cannot go up, the last cannot go down.
 */
export function MoveButtons({
  name,
  onUp,
  onDown,
  titles,
}: {
  /** What moves, in the buttons' names: "Move <name> up". */
  name: string;
  onUp?: () => void;
  onDown?: () => void;
  titles?: { up: string; down: string };
}) {
  const buttons = [
    ['up', '↑', onUp],
    ['down', '↓', onDown],
  ] as const;
  return (
    <>
      {buttons.map(([way, arrow, onMove]) => (
        <button
          key={way}
          type="button"
          className="icon-button"
          onClick={onMove}
          disabled={!onMove}
          aria-label={`Move ${name} ${way}`}
          title={titles?.[way]}
        >
          {arrow}
        </button>
      ))}
    </>
  );
}
