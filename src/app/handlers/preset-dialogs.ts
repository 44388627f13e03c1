import type { DialogService } from './context';

/**
 * Dialog answers given in advance: the CLI passes the paths from its arguments, tests set them before
 * clicking. The handlers cannot tell these from the OS dialogs.
 */
export class PresetDialogs implements DialogService {
  /** the next file any "open" dialog returns */
  open: string | null = null;
  /** the next path any "save" dialog returns */
  save: string | null = null;
  folder: string | null = null;

  async pickPlanTextFile(): Promise<string | null> {
    return this.open;
  }

  async pickSpreadsheet(): Promise<string | null> {
    return this.open;
  }

  async pickSavePath(): Promise<string | null> {
    return this.save;
  }

  async pickFolder(): Promise<string | null> {
    return this.folder;
  }

  async pickWorkbook(): Promise<string | null> {
    return this.open;
  }

  async pickWorkbookSavePath(): Promise<string | null> {
    return this.save;
  }
}
