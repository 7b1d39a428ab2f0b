import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { logsDir, openLog, redact, REDACTED, rotateLogFiles } from '../../../electron/host/log';
import { tempDataDir } from '../helpers/temp';

describe('the log', () => {
  it('writes to <data folder>/logs/<source>.log with the level and the error stack', () => {
    const dataDir = tempDataDir();
    const log = openLog(dataDir, 'desktop');
    log.info('started', { version: '1.2.3', caseId: 7 });
    log.error('handler failed', new Error('disk full'));
    expect(log.file).toBe(path.join(logsDir(dataDir), 'desktop.log'));
    const text = readFileSync(log.file, 'utf8');
    expect(text).toMatch(/\[info\]\s+started .*caseId: 7/);
    expect(text).toMatch(/\[error\] handler failed Error: disk full\n\s+at /);
  });

  it('redacts fields that name a patient, however deep, and keeps ids', () => {
    const record = {
      id: 4,
      patient: { familyName: 'Halverson', given_names: 'Graham', MRN: 'BP-1', date_of_birth: '1963-04-11' },
    };
    expect(redact(record)).toEqual({
      id: 4,
      patient: { familyName: REDACTED, given_names: REDACTED, MRN: REDACTED, date_of_birth: REDACTED },
    });
    const dataDir = tempDataDir();
    const log = openLog(dataDir, 'cli');
    log.warn('saved', record);
    const text = readFileSync(log.file, 'utf8');
    expect(text).toContain('id: 4');
    expect(text).not.toMatch(/Halverson|Graham|BP-1|1963/);
  });

  it('rotates at the size limit and keeps three older files', () => {
    const dataDir = tempDataDir();
    const log = openLog(dataDir, 'web-host', { maxBytes: 2000 });
    for (let i = 0; i < 200; i++) log.info(`line ${i} ${'x'.repeat(80)}`);
    const dir = logsDir(dataDir);
    for (const n of [1, 2, 3]) expect(existsSync(path.join(dir, `web-host.${n}.log`)), `web-host.${n}.log`).toBe(true);
    expect(existsSync(path.join(dir, 'web-host.4.log'))).toBe(false);
    expect(statSync(log.file).size).toBeLessThan(2200);
    expect(readFileSync(log.file, 'utf8')).toContain('line 199 ');
  });

  it('rotateLogFiles shifts the numbered files and drops the oldest', () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'a.log');
    for (const [name, text] of [
      ['a.log', 'now'],
      ['a.1.log', 'one'],
      ['a.2.log', 'two'],
    ])
      writeFileSync(path.join(dir, name), text);
    rotateLogFiles(file, 2);
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(path.join(dir, 'a.1.log'), 'utf8')).toBe('now');
    expect(readFileSync(path.join(dir, 'a.2.log'), 'utf8')).toBe('one');
    expect(existsSync(path.join(dir, 'a.3.log'))).toBe(false);
  });
});
