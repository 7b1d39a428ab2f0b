import { lazy, Suspense } from 'react';
import type { ServiceSection } from '../../router';
import { ActionsScreen } from '../actions/ActionsScreen';
import { BoardsScreen } from '../boards/BoardsScreen';
import { LettersScreen } from '../letters/LettersScreen';
import { ReferralForm } from '../referrals/ReferralForm';
import { ReferralsScreen } from '../referrals/ReferralsScreen';

// The charts (recharts) load only with the Figures screen.
const FiguresScreen = lazy(() => import('../figures/FiguresScreen').then((m) => ({ default: m.FiguresScreen })));

/** The service's screens around the meetings (issue 14), one per section; a new referral is the referrals' form. */
export function ServiceArea({ section }: { section: ServiceSection | 'new-referral' }) {
  switch (section) {
    case 'boards':
      return <BoardsScreen />;
    case 'referrals':
      return <ReferralsScreen />;
    case 'new-referral':
      return <ReferralForm />;
    case 'actions':
      return <ActionsScreen />;
    case 'letters':
      return <LettersScreen />;
    case 'figures':
      return (
        <Suspense fallback={<div className="loading">Loading the figures...</div>}>
          <FiguresScreen />
        </Suspense>
      );
  }
}
