import type { Route } from '../../router';
import { DecisionPage } from './DecisionPage';
import { MeetingForm } from './MeetingForm';
import { MeetingList } from './MeetingList';
import { MeetingPage } from './MeetingPage';
import '../../styles/meetings.css';

/** The meeting screens under the top bar (the case list makes room for the agenda). */
export function MeetingsArea({ route }: { route: Route }) {
  switch (route.name) {
    case 'meetings':
      return <MeetingList />;
    case 'new-meeting':
      return (
        <div className="meeting-page">
          <MeetingForm />
        </div>
      );
    case 'meeting':
      return <MeetingPage key={route.id} id={route.id} tab={route.tab} />;
    case 'decision':
      return <DecisionPage key={route.itemId} meetingId={route.meetingId} itemId={route.itemId} />;
    default:
      return null;
  }
}
