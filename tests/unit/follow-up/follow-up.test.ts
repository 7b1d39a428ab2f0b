import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportHandlers } from '../../../electron/host/handlers/exports';
import { followUpHandlers } from '../../../electron/host/handlers/follow-up';
import type { Call } from '../../../electron/host/dispatch';
import { DomainError } from '../../../electron/services/errors';
import { ExportsService } from '../../../electron/services/export';
import type { PdfPrinter } from '../../../electron/services/export/pdf';
import { ActionsService } from '../../../electron/services/follow-up/actions-service';
import { LettersService } from '../../../electron/services/follow-up/letters-service';
import { JobRegistry } from '../../../electron/services/jobs/job-registry';
import { ExportRequest } from '../../../shared/contract/exports';
import { addWorkingDays, daysOverdue, overdueText } from '../../../shared/domain/follow-up';
import {
  CORE_SPECIALTIES,
  DecisionFields,
  type DecisionInput,
  type DecisionValue,
} from '../../../shared/domain/meeting';
import { sessionAs, setup } from '../meetings/fixtures';

const allPresent = Object.fromEntries(CORE_SPECIALTIES.map((s) => [s, { present: true, people: [] }]));
const chair = { userId: null, name: 'Dr Chair' };

const decided = (actions: DecisionInput['actions']): DecisionValue =>
  DecisionFields.parse({
    attendance: allPresent,
    recommendation: { options: ['surgery'], text: 'Wide excision' },
    intent: 'curative',
    actions,
    outcome: 'discussed',
  });

/** A meeting on 10 Dec 2026 with two cases; the follow-up services read "now" from `clock.now`. */
function world() {
  const s = setup();
  const meetingId = s.newMeeting();
  const a = s.newCase({ consultantName: 'Dr Patel' });
  const b = s.newCase();
  const items = s.m.agenda.add(meetingId, [a, b]).items.map((i) => i.id);
  const clock = { now: '2026-12-14T10:00:00.000Z' };
  const actions = new ActionsService(s.db, () => clock.now);
  const letters = new LettersService(s.db, () => clock.now);
  const signOff = (itemId: number, value: DecisionValue) => {
    const saved = s.m.decisions.save(itemId, 0, value);
    return s.m.decisions.signOff(itemId, saved.version, chair);
  };
  return { s, meetingId, items, clock, actions, letters, signOff };
}

const TWO = [
  { what: 'Book RT planning CT', who: 'Dr Okafor', byWhen: '2026-12-11' },
  { what: 'Send outside slides for review', who: 'Joanne Pike', byWhen: '2026-12-20' },
];

describe('action follow-up', () => {
  it('makes one open row per action at sign-off, and refuses sign-off while an action has no due date', () => {
    const w = world();
    const saved = w.s.m.decisions.save(w.items[1], 0, decided([{ what: 'Call the patient', who: 'CNS' }]));
    expect(saved.signOffProblems).toEqual([{ field: 'actions.0.byWhen', message: 'Give a due date for action 1' }]);
    expect(() => w.s.m.decisions.signOff(w.items[1], saved.version, chair)).toThrow(/due date for action 1/);

    w.signOff(w.items[0], decided(TWO));
    const list = w.actions.list({ status: 'open', overdue: false });
    expect(list.actions.map((a) => [a.what, a.owner, a.dueDate, a.status])).toEqual([
      ['Book RT planning CT', 'Dr Okafor', '2026-12-11', 'open'],
      ['Send outside slides for review', 'Joanne Pike', '2026-12-20', 'open'],
    ]);
    expect(list.actions[0]).toMatchObject({ meetingId: w.meetingId, itemId: w.items[0], daysOverdue: 3 });
    expect(list.owners).toEqual(['Dr Okafor', 'Joanne Pike']);
    expect(list.boards).toEqual(['sarcoma']);
  });

  it('computes overdue days on the local day, only for open actions with a date', () => {
    expect(daysOverdue({ status: 'open', dueDate: '2026-12-11' }, '2026-12-14')).toBe(3);
    expect(daysOverdue({ status: 'open', dueDate: '2026-12-14' }, '2026-12-14')).toBe(0);
    expect(daysOverdue({ status: 'open', dueDate: '2026-12-20' }, '2026-12-14')).toBe(0);
    expect(daysOverdue({ status: 'done', dueDate: '2026-12-01' }, '2026-12-14')).toBe(0);
    expect(daysOverdue({ status: 'open', dueDate: null }, '2026-12-14')).toBe(0);
    expect(overdueText(3)).toBe('3 days overdue');
    expect(overdueText(1)).toBe('1 day overdue');

    const w = world();
    w.signOff(w.items[0], decided(TWO));
    expect(w.actions.list({ status: 'open', overdue: true }).actions.map((a) => a.what)).toEqual([
      'Book RT planning CT',
    ]);
    expect(w.actions.list({ status: 'open', overdue: false, owner: 'joanne pike' }).actions).toHaveLength(1);
    expect(w.actions.list({ status: 'open', overdue: false, board: 'melanoma' }).actions).toHaveLength(0);
  });

  it('closing records who and when, with a note; a stale version is refused; reopening clears who closed it', async () => {
    const w = world();
    w.signOff(w.items[0], decided(TWO));
    const [first] = w.actions.list({ status: 'open', overdue: false }).actions;
    const handlers = followUpHandlers({ actions: w.actions, letters: w.letters });
    const call: Call = { session: sessionAs('Joanne Pike', 'coordinator'), token: 'test' };
    const done = await handlers['actions:setStatus'](
      { id: first.id, version: first.version, status: 'done', note: 'CT booked for 12 Dec' },
      call,
    );
    expect(done).toMatchObject({
      status: 'done',
      closedBy: 'Joanne Pike',
      closedAt: w.clock.now,
      note: 'CT booked for 12 Dec',
      daysOverdue: 0,
    });
    expect(w.actions.list({ status: 'open', overdue: false }).actions.map((a) => a.id)).not.toContain(first.id);
    expect(() => w.actions.setStatus(first.id, first.version, 'cancelled', chair)).toThrow(/changed since/);
    const reopened = w.actions.setStatus(first.id, done.version, 'open', chair);
    expect(reopened).toMatchObject({ status: 'open', closedBy: '', closedAt: null, daysOverdue: 3 });
    // The audit trail keeps who closed it.
    const audit = w.s.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'action_follow_ups'").get() as {
      n: number;
    };
    expect(audit.n).toBeGreaterThanOrEqual(4);
  });

  it('an amendment keeps each action matched to its row (by text, then by place); removed actions go', () => {
    const w = world();
    const signed = w.signOff(w.items[0], decided(TWO));
    const rows = w.actions.list({ status: 'all', overdue: false }).actions;
    const slides = rows.find((r) => r.what.startsWith('Send'))!;
    w.actions.setStatus(slides.id, slides.version, 'done', chair);
    const book = rows.find((r) => r.what.startsWith('Book'))!;
    // Reordered, with one added: each action keeps its row by its text.
    w.s.m.decisions.amend(w.items[0], signed.version, {
      by: chair,
      why: 'Reordered, one added',
      changes: {
        actions: [
          { what: 'Send outside slides for review', who: 'Joanne Pike', byWhen: '2026-12-20' },
          { what: 'Book RT planning CT', who: 'Dr Okafor', byWhen: '2026-12-11' },
          { what: 'Tell the GP', who: 'CNS', byWhen: '2026-12-15' },
        ],
      },
    });
    // Reworded in place (and re-dated), the last one removed: the row follows its place.
    w.s.m.decisions.amend(w.items[0], signed.version + 1, {
      by: chair,
      why: 'Mask added to the CT; the GP is told by letter',
      changes: {
        actions: [
          { what: 'Send outside slides for review', who: 'Joanne Pike', byWhen: '2026-12-20' },
          { what: 'Book RT planning CT and mask', who: 'Dr Okafor', byWhen: '2026-12-12' },
        ],
      },
    });
    const after = w.actions.list({ status: 'all', overdue: false }).actions;
    const byWhat = Object.fromEntries(after.map((a) => [a.what, a]));
    expect(Object.keys(byWhat).sort()).toEqual(['Book RT planning CT and mask', 'Send outside slides for review']);
    expect(byWhat['Send outside slides for review']).toMatchObject({ id: slides.id, status: 'done' });
    expect(byWhat['Book RT planning CT and mask']).toMatchObject({ id: book.id, dueDate: '2026-12-12' });
    const indexes = w.s.db.prepare('SELECT what, action_index FROM action_follow_ups ORDER BY action_index').all() as {
      what: string;
      action_index: number;
    }[];
    expect(indexes).toEqual([
      { what: 'Send outside slides for review', action_index: 0 },
      { what: 'Book RT planning CT and mask', action_index: 1 },
    ]);
  });
});

class FakePrinter implements PdfPrinter {
  async print(): Promise<Buffer> {
    return Buffer.from('%PDF-1.4\n1 0 obj << /Type /Pages /Count 1 >>\n2 0 obj << /Type /Page >>\n%%EOF\n', 'latin1');
  }
}

describe('outcome letters', () => {
  function withExports() {
    const w = world();
    const jobs = new JobRegistry();
    const exports = new ExportsService({
      db: w.s.db,
      dataDir: w.s.dataDir,
      meetings: w.s.m,
      jobs,
      letters: w.letters,
      pdf: { printer: new FakePrinter(), urlFor: (route) => `http://print.test/#${route}` },
    });
    return { ...w, jobs, exports };
  }

  it('refuses the letter of a case not signed off, and says why', () => {
    const w = withExports();
    const letter = ExportRequest.parse({ kind: 'outcome-pdf', agendaItemId: w.items[1] });
    expect(() => w.exports.start(letter)).toThrow(/no decision for this case/);
    w.s.m.decisions.save(w.items[1], 0, decided(TWO));
    expect(() => w.exports.start(letter)).toThrow(DomainError);
    expect(() => w.exports.start(letter)).toThrow(/decision for this case is a draft/);
  });

  it('records every letter produced in the register with its SHA-256, for the referrer by default', async () => {
    const w = withExports();
    w.signOff(w.items[0], decided(TWO));
    const { jobId } = w.exports.start({
      ...ExportRequest.parse({ kind: 'outcome-pdf', agendaItemId: w.items[0] }),
      producedBy: { userId: null, name: 'Joanne Pike' },
    });
    await w.jobs.idle();
    const outcome = w.exports.status(jobId).result!;
    const [entry] = w.letters.list();
    expect(entry).toMatchObject({
      itemId: w.items[0],
      recipient: 'Dr Patel (responsible consultant: no referrer on record)',
      recipientKind: 'referrer',
      producedBy: 'Joanne Pike',
      producedAt: w.clock.now,
      deidentified: false,
      fileName: outcome.name,
    });
    expect(entry.sha256).toBe(createHash('sha256').update(readFileSync(outcome.file)).digest('hex'));
    // Append only.
    expect(() => w.s.db.prepare('DELETE FROM letters').run()).toThrow(/append only/);
  });

  it('asks letters.produce on top of the export right, and names the signed-in user as producer', async () => {
    const w = withExports();
    w.signOff(w.items[0], decided(TWO));
    const handlers = exportHandlers({ exports: w.exports });
    const input = ExportRequest.parse({ kind: 'outcome-pdf', agendaItemId: w.items[0] });
    expect(() =>
      handlers['exports:start'](input, { session: sessionAs('Pat Presenter', 'presenter'), token: 't' }),
    ).toThrow(/letters\.produce/);
    await handlers['exports:start'](input, { session: sessionAs('Joanne Pike', 'coordinator'), token: 't' });
    await w.jobs.idle();
    expect(w.letters.list().map((l) => l.producedBy)).toEqual(['Joanne Pike']);
  });

  it('lists decided cases without a letter against the target in working days', async () => {
    expect(addWorkingDays('2026-12-11', 1)).toBe('2026-12-14'); // Friday -> Monday
    expect(addWorkingDays('2026-12-13', 1)).toBe('2026-12-14'); // Sunday -> Monday
    expect(addWorkingDays('2026-12-14', 1)).toBe('2026-12-15');
    expect(addWorkingDays('2026-12-14', 3)).toBe('2026-12-17');
    expect(addWorkingDays('2026-12-12', 0)).toBe('2026-12-14');

    const w = withExports();
    w.signOff(w.items[0], decided(TWO));
    // The test clock signs off on Sunday 1 Nov 2026: due Monday 2 Nov, so overdue on 14 Dec.
    const pending = w.letters.pending();
    expect(pending.today).toBe('2026-12-14');
    expect(pending.pending).toEqual([
      expect.objectContaining({
        itemId: w.items[0],
        recipient: 'Dr Patel (responsible consultant: no referrer on record)',
        targetDays: 1,
        overdue: true,
      }),
    ]);
    expect(pending.pending[0].dueDate).toBe(addWorkingDays(pending.pending[0].signedOffAt.slice(0, 10), 1));
    w.clock.now = '2026-11-02T08:00:00.000Z';
    expect(w.letters.pending().pending[0].overdue).toBe(false);

    w.exports.start({ ...ExportRequest.parse({ kind: 'outcome-pdf', agendaItemId: w.items[0] }) });
    await w.jobs.idle();
    expect(w.letters.pending().pending).toEqual([]);
    expect(w.letters.list()).toHaveLength(1);
  });
});
