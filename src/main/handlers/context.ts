import type { ChannelName } from '../../shared/channel-names';
import type { ChannelInput, ChannelOutput } from '../../shared/contract';
import type { Workbook } from '../store/workbook';

/** What a handler may reach besides its input: the open workbook and the OS dialogs (faked in tests). */
export interface HandlerContext {
  workbook: Workbook;
  dialogs: DialogService;
}

export interface DialogService {
  /** Asks the user for a plan text file; resolves to its path, or null when cancelled. */
  pickPlanTextFile(): Promise<string | null>;
}

export type Handler<K extends ChannelName> = (
  input: ChannelInput<K>,
  context: HandlerContext,
) => ChannelOutput<K> | Promise<ChannelOutput<K>>;

export type Handlers = { [K in ChannelName]: Handler<K> };
