import { useState } from 'react';
import type { StudySummary } from '../../../shared/domain/imaging';
import { formatPersonName } from '../../../shared/domain/imaging';
import { dayMonthYear, readableDates } from '../../../shared/dates';
import { useCan } from '../../auth/useCan';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useWrite } from '../../data/hooks';

/**
 * "Detach..." on a study of the case (a wrong patient's CD attached anyway): asks for a reason, which goes to the
 * audit trail. The host refuses while the case has key images from the study, naming them (remove them first).
 */
export function DetachStudy({ caseId, study }: { caseId: number; study: StudySummary }) {
  const allowed = useCan('imaging.detach');
  const detach = useWrite('imaging:detachStudy');
  const [open, setOpen] = useState(false);
  if (!allowed) return null;
  const label = [
    study.studyDate ? dayMonthYear(study.studyDate) : 'Undated study',
    study.modalities.join('/'),
    study.description ? readableDates(study.description) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const patient = formatPersonName(study.dicomPatientName) ?? 'no name';
  return (
    <>
      <button
        type="button"
        className="button button--ghost button--small"
        aria-label={`Detach study ${label}`}
        onClick={() => setOpen(true)}
      >
        Detach...
      </button>
      {open && (
        <ConfirmDialog
          title="Detach this study from the case?"
          confirmLabel="Detach study"
          reasonLabel="Reason (kept in the audit trail)"
          onConfirm={async (reason) => {
            const r = await detach.mutateAsync({ caseId, studyInstanceUid: study.studyInstanceUid, reason });
            if (!r.ok) return r.error.message;
            setOpen(false);
          }}
          onCancel={() => setOpen(false)}
        >
          <p>
            {label}, for {patient} (DICOM ID {study.dicomPatientId ?? 'none'}), leaves this case. Its images stay in the
            image store, attached to no case: it can be attached again from an import, or purged by an administrator.
            Its measurements on this case come back if it is attached again.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
