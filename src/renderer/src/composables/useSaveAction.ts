// An export behind a menu: saves a file through useAction and announces where it went.
import { useNoticesStore } from '../stores/notices';
import { useAction } from './useAction';

/** `save(choice)` writes the file for the menu item picked (a format or figure kind); success shows "Saved <file>". */
export function useSaveAction(save: (choice: string) => Promise<{ fileName: string }>) {
  const notices = useNoticesStore();
  return useAction(async (choice: string) => {
    const file = await save(choice);
    notices.push('success', `Saved ${file.fileName}`);
  });
}
