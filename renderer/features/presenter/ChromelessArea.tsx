import type { Route } from '../../router';
import { PrintArea } from '../print/PrintArea';
import { AudienceView } from './AudienceView';
import { PresenterView } from './PresenterView';

/** Screens without the app's chrome: presenter mode, the audience window and the print views. */
export function ChromelessArea({ route }: { route: Route }) {
  switch (route.name) {
    case 'present':
      return (
        <PresenterView
          key={`${route.id}:${route.deidentified}`}
          meetingId={route.id}
          deidentified={route.deidentified}
        />
      );
    case 'audience':
      return <AudienceView key={route.id} meetingId={route.id} deidentified={route.deidentified} />;
    case 'print':
      return (
        <PrintArea
          key={`${route.doc}:${route.id}:${route.deidentified}`}
          doc={route.doc}
          id={route.id}
          deidentified={route.deidentified}
          to={route.to}
        />
      );
    default:
      return null;
  }
}
