// The viewer's own toolbar: tools, window presets, invert, reset.
import type { ToolName, WindowPreset } from './types';

const TOOLS: { tool: ToolName; label: string; title: string }[] = [
  { tool: 'wwwc', label: 'Window/level', title: 'Window/level: drag (left button)' },
  { tool: 'pan', label: 'Pan', title: 'Pan: drag (or middle button anytime)' },
  { tool: 'zoom', label: 'Zoom', title: 'Zoom: drag (or right button anytime)' },
  { tool: 'length', label: 'Length', title: 'Length: drag from one end to the other' },
  { tool: 'bidirectional', label: 'Bidirectional', title: 'Bidirectional: drag the long axis; adjust the short axis' },
  { tool: 'ellipse', label: 'Ellipse', title: 'Ellipse ROI: drag a box; shows area, mean and SD' },
];

export interface ViewerToolbarProps {
  tool: ToolName;
  onTool(tool: ToolName): void;
  presets: WindowPreset[];
  /** Index into presets, or -1 when the current W/L matches none. */
  presetIndex: number;
  onPreset(preset: WindowPreset): void;
  inverted: boolean;
  onInvert(): void;
  onReset(): void;
  disabled: boolean;
}

export function ViewerToolbar(p: ViewerToolbarProps) {
  return (
    <div className="bpv-toolbar" role="toolbar" aria-label="Image tools">
      <div className="bpv-toolbar__group">
        {TOOLS.map(({ tool, label, title }) => (
          <button
            key={tool}
            type="button"
            className="bpv-button"
            aria-pressed={p.tool === tool}
            title={title}
            onClick={() => p.onTool(tool)}
          >
            {label}
          </button>
        ))}
      </div>
      <div className="bpv-toolbar__group">
        <label className="bpv-preset">
          <span>Window preset</span>
          <select
            aria-label="Window preset"
            value={p.presetIndex >= 0 ? String(p.presetIndex) : ''}
            disabled={p.disabled || p.presets.length === 0}
            onChange={(e) => {
              const preset = p.presets[Number(e.target.value)];
              if (e.target.value !== '' && preset) p.onPreset(preset);
            }}
          >
            <option value="">Custom</option>
            {p.presets.map((preset, i) => (
              <option key={`${preset.name}-${i}`} value={String(i)}>
                {preset.name} (W {preset.windowWidth} / L {preset.windowCenter})
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="bpv-button"
          aria-pressed={p.inverted}
          disabled={p.disabled}
          onClick={p.onInvert}
        >
          Invert
        </button>
        <button
          type="button"
          className="bpv-button"
          disabled={p.disabled}
          onClick={p.onReset}
          title="Fit to window, image's own window"
        >
          Reset
        </button>
      </div>
    </div>
  );
}
