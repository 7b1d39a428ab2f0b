import type { Db } from '../../db/open';
import type { Plan, PlanOption } from '../../../shared/domain/clinical';
import * as sql from './clinical-sql';
import { assertCase } from './pathology-service';
import { writeTransaction } from '../../db/transaction';

export function planOf(db: Db, caseId: number): Plan {
  const row = sql.getPlan(db, caseId);
  if (!row) return { caseId, options: [], text: '', updatedAt: null };
  return { caseId, options: JSON.parse(row.options_json) as PlanOption[], text: row.text, updatedAt: row.updated_at };
}

/** The presenter's proposed plan: any of the options (more than one allowed) with free text. */
export class PlanService {
  constructor(
    private readonly db: Db,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  get(caseId: number): Plan {
    assertCase(this.db, caseId);
    return planOf(this.db, caseId);
  }

  set(caseId: number, plan: { options: PlanOption[]; text: string }): Plan {
    writeTransaction(this.db, () => {
      assertCase(this.db, caseId);
      sql.upsertPlan(this.db, {
        case_id: caseId,
        options_json: JSON.stringify([...new Set(plan.options)]),
        text: plan.text,
        updated_at: this.now(),
      });
    });
    return planOf(this.db, caseId);
  }
}
