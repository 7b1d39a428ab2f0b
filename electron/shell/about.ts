/** Help > About BoardPrep: what support asks for first. Plain, so its content is tested. */
export interface AboutFacts {
  version: string;
  schemaVersion: number;
  dataDir: string;
  logsDir: string;
  versions?: { electron?: string; chrome?: string; node?: string };
}

export function aboutText(facts: AboutFacts): { title: string; message: string; detail: string } {
  const runtime = facts.versions;
  return {
    title: 'About BoardPrep',
    message: `BoardPrep ${facts.version}`,
    detail: [
      `Database schema version: ${facts.schemaVersion}`,
      `Data folder: ${facts.dataDir}`,
      `Logs: ${facts.logsDir}`,
      ...(runtime?.electron
        ? [`Electron ${runtime.electron}, Chromium ${runtime.chrome ?? '?'}, Node ${runtime.node ?? '?'}`]
        : []),
      '',
      'Prepares and runs sarcoma tumour boards offline.',
    ].join('\n'),
  };
}
