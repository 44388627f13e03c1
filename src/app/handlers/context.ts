import type { ChannelName } from '../../shared/channel-names';
import type { ChannelInput, ChannelOutput } from '../../shared/contract';
import type { PlanReading } from '../../core/document/plan-reading';
import type { SpreadsheetParser } from '../exchange/parse-protocol';
import type { PendingFiles } from '../exchange/pending-files';
import type { RecentWorkbooks } from '../recent-workbooks';
import type { ServerPasswords } from '../server-passwords';
import type { WorkbookSession } from '../session';
import type { Workbook, WorkbookResources } from '../store/workbook';

/**
 * What a handler may reach besides its input: the open workbook, the OS dialogs (faked in tests), the
 * out-of-process spreadsheet parser, and files read for a preview and waiting for the user's go-ahead.
 */
export interface HandlerContext {
  /** throws a storage error (in Chinese) when the workbook could not be opened */
  readonly workbook: Workbook;
  session: WorkbookSession;
  dialogs: DialogService;
  spreadsheets: SpreadsheetParser;
  pending: PendingFiles;
  /** plan documents read for the import preview, waiting for the user's go-ahead */
  pendingPlans: PendingFiles<PlanReading>;
  recent: RecentWorkbooks;
  /** team-workbook passwords: this run's, and those kept in the OS key store (the opener reads the same ones) */
  passwords: ServerPasswords;
  /** the migrations (file and server forms) the app ships */
  resources: WorkbookResources;
  /** where local copies of workbooks go (the local app-data folder) */
  localFolder: string;
  /** prints the page as it is now (the report preview, through the print stylesheet) to PDF */
  printer: PagePrinter;
}

export interface PagePrinter {
  toPdf(): Promise<Uint8Array>;
}

export type SpreadsheetPurpose = 'workbook' | 'budget' | 'packet' | 'execution';

/** What a save dialog is for: it offers only that type, and a name typed without it gets its extension. */
export type SaveFileType = 'xlsx' | 'pdf' | 'csv';

export interface DialogService {
  /** Asks the user for a plan document (.docx/.doc/.wps/.pdf/.xlsx/.xls/.csv/.txt); resolves to its path, or null. */
  pickPlanTextFile(): Promise<string | null>;
  /** An .xlsx (or .csv for a budget) to read. */
  pickSpreadsheet(purpose: SpreadsheetPurpose): Promise<string | null>;
  /** Where to save a new file of `type`; `suggestedName` is only the file name. */
  pickSavePath(suggestedName: string, type: SaveFileType): Promise<string | null>;
  /** A folder to write several files into. */
  pickFolder(): Promise<string | null>;
  /** An existing workbook (.mswb) to open. */
  pickWorkbook(): Promise<string | null>;
  /** Where to create or save a workbook (.mswb); a path that exists was confirmed by the user as one to replace. */
  pickWorkbookSavePath(suggestedName: string): Promise<string | null>;
}

export type Handler<K extends ChannelName> = (
  input: ChannelInput<K>,
  context: HandlerContext,
) => ChannelOutput<K> | Promise<ChannelOutput<K>>;

export type Handlers = { [K in ChannelName]: Handler<K> };
