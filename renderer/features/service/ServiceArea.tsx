import type { ServiceSection } from '../../router';
import { ActionsScreen } from '../actions/ActionsScreen';
import { BoardsScreen } from '../boards/BoardsScreen';
import { FiguresScreen } from '../figures/FiguresScreen';
import { LettersScreen } from '../letters/LettersScreen';
import { ReferralForm } from '../referrals/ReferralForm';
import { ReferralsScreen } from '../referrals/ReferralsScreen';

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
      return <FiguresScreen />;
  }
}
