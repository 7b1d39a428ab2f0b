import { UsageError } from './command';

/** Tiny option parser: `--name value`, `--name=value` and boolean `--flag`; the rest are positionals. */
export function parseArgs(
  args: string[],
  spec: { values?: string[]; flags?: string[] },
): { values: Record<string, string>; flags: Set<string>; positionals: string[] } {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (spec.values?.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      values[name] = value;
    } else if (spec.flags?.includes(name) && inline === undefined) {
      flags.add(name);
    } else {
      throw new UsageError(`Unknown option --${name}`);
    }
  }
  return { values, flags, positionals };
}
