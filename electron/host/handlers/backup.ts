import type { BackupChannel } from '../../../shared/contract/backup';
import type { BackupService } from '../../services/backup/backup-service';
import type { HandlerSlice } from './slice';

export function backupHandlers({ backup }: { backup: BackupService }): HandlerSlice<BackupChannel> {
  return {
    'settings:backup': () => backup.settings(),
    'settings:setBackup': (settings) => backup.setSettings(settings),
    'backup:now': () => backup.runNow(),
  };
}
