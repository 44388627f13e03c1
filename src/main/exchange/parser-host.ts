import type { SpreadsheetData } from '../../core/exchange/sheet-data';
import { WorkbenchError } from '../../shared/result';
import { PARSE_LIMITS, type ParseLimits, type ParseReply, type ParseRequest, type SpreadsheetParser } from './parse-protocol';

/** One parser process, whichever kind hosts it (a Node child for the CLI and tests, a utilityProcess in the app). */
export interface ParserProcess {
  send(request: ParseRequest): void;
  onMessage(listener: (reply: ParseReply) => void): void;
  onExit(listener: (detail: string) => void): void;
  kill(): void;
  /** whether this process may keep the host alive (a CLI must be able to exit while the parser idles) */
  hold(busy: boolean): void;
}

/** How long an idle parser process is kept for the next file. */
export const PARSER_IDLE_MS = 30_000;

/**
 * Parses files one at a time in a separate, heap-capped process that is kept for a short while after each
 * file: starting Node and compiling SheetJS cold costs about as much as parsing a 50,000-row sheet, so a
 * series of imports should not pay it every time. The process is killed (and the next file gets a fresh one)
 * on a timeout, on a refused file, on a crash, and after `idleMs` with nothing to do.
 */
export function warmParserHost(spawn: () => ParserProcess, limits: ParseLimits = PARSE_LIMITS, idleMs = PARSER_IDLE_MS): SpreadsheetParser {
  let current: ParserProcess | null = null;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 1;
  // the request in flight, told about replies and exits of the current process
  let pending: { id: number; process: ParserProcess; settle: (error: WorkbenchError | null, data?: SpreadsheetData) => void } | null = null;

  const retire = (process: ParserProcess): void => {
    if (current === process) current = null;
    process.kill();
  };

  const processForNextFile = (): ParserProcess => {
    if (current) return current;
    const process = spawn();
    process.onMessage((reply) => {
      if (!pending || reply.id !== pending.id) return;
      if (reply.ok) pending.settle(null, reply.data);
      else {
        // a refused file may have been built to leave the process in a bad state: the next file gets a new one
        retire(process);
        pending.settle(new WorkbenchError('bad_input', `${reply.reason}工作簿未做任何修改。`));
      }
    });
    process.onExit((detail) => {
      if (current === process) current = null;
      // a retired process exits later: only the request it was working on fails
      if (pending?.process !== process) return;
      pending.settle(
        new WorkbenchError('bad_input', `解析表格的进程意外退出（${detail}），多半是文件过大或构造异常（超出${limits.maxHeapMb} MB内存上限）。工作簿未做任何修改。`),
      );
    });
    current = process;
    return process;
  };

  const parseOne = (path: string): Promise<SpreadsheetData> =>
    new Promise<SpreadsheetData>((resolve, reject) => {
      clearTimeout(idleTimer);
      const process = processForNextFile();
      process.hold(true);
      const id = nextId++;
      const timer = setTimeout(() => {
        retire(process);
        pending?.settle(new WorkbenchError('bad_input', `解析表格超过${limits.timeoutMs / 1000}秒仍未完成，已中止。文件可能过大或已损坏，工作簿未做任何修改。`));
      }, limits.timeoutMs);
      pending = {
        id,
        process,
        settle: (error, data) => {
          if (pending?.id !== id) return;
          pending = null;
          clearTimeout(timer);
          if (current === process) {
            process.hold(false);
            idleTimer = setTimeout(() => retire(process), idleMs);
            idleTimer.unref?.();
          }
          if (error) reject(error);
          else resolve(data as SpreadsheetData);
        },
      };
      process.send({ id, path, maxFileBytes: limits.maxFileBytes, maxRows: limits.maxRows, maxColumns: limits.maxColumns });
    });

  return {
    parse: (path) => {
      const result = queue.then(() => parseOne(path));
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
