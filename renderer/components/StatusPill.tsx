import { CASE_STATUS_LABEL, type CaseStatus } from '../../shared/domain/case';

export function StatusPill({ status }: { status: CaseStatus }) {
  return <span className={`pill pill--${status}`}>{CASE_STATUS_LABEL[status]}</span>;
}
