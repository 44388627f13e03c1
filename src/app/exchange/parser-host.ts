import { resolve } from 'node:path';
import type { PlanReading } from '../../core/document/plan-reading';
import type { SpreadsheetData } from '../../core/exchange/sheet-data';
import { WorkbenchError } from '../../shared/result';
import {
  PARSE_LIMITS,
  type ParseKind,
  type ParseLimits,
  type ParseOutcome,
  type ParseReply,
  type ParseRequest,
  type SpreadsheetParser,
} from './parse-protocol';

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
  let pending: { id: number; process: ParserProcess; settle: (error: WorkbenchError | null, outcome?: ParseOutcome) => void } | null = null;

  const retire = (process: ParserProcess): void => {
    if (current === process) current = null;
    process.kill();
  };

  const processForNextFile = (): ParserProcess => {
    if (current) return current;
    const process = spawn();
    process.onMessage((reply) => {
      if (!pending || reply.id !== pending.id) return;
      if (reply.ok) pending.settle(null, reply);
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
        new WorkbenchError(
          'bad_input',
          `解析文件的进程意外退出（${detail}），多半是文件过大或构造异常（超出${limits.maxHeapMb} MB内存上限）。工作簿未做任何修改。`,
        ),
      );
    });
    current = process;
    return process;
  };

  const parseOne = (path: string, kind: ParseKind): Promise<ParseOutcome> =>
    new Promise<ParseOutcome>((resolve, reject) => {
      clearTimeout(idleTimer);
      const process = processForNextFile();
      process.hold(true);
      const id = nextId++;
      const timer = setTimeout(() => {
        retire(process);
        pending?.settle(
          new WorkbenchError(
            'bad_input',
            `解析文件超过${limits.timeoutMs / 1000}秒仍未完成，已中止。文件可能过大或已损坏，工作簿未做任何修改。`,
          ),
        );
      }, limits.timeoutMs);
      pending = {
        id,
        process,
        settle: (error, outcome) => {
          if (pending?.id !== id) return;
          pending = null;
          clearTimeout(timer);
          if (current === process) {
            process.hold(false);
            idleTimer = setTimeout(() => retire(process), idleMs);
            idleTimer.unref?.();
          }
          if (error) reject(error);
          else resolve(outcome as ParseOutcome);
        },
      };
      process.send({ id, path, kind, maxFileBytes: limits.maxFileBytes, maxRows: limits.maxRows, maxColumns: limits.maxColumns });
    });

  const enqueue = (path: string, kind: ParseKind): Promise<ParseOutcome> => {
    const result = queue.then(() => parseOne(path, kind));
    queue = result.catch(() => undefined);
    return result;
  };
  const unexpected = (): WorkbenchError => new WorkbenchError('internal', '解析进程的回答与请求不符。');
  // spreadsheets parsed ahead (prefetch), by absolute path, until parse() takes them
  const ahead = new Map<string, Promise<ParseOutcome>>();
  return {
    parse: async (path): Promise<SpreadsheetData> => {
      const key = resolve(path);
      const early = ahead.get(key);
      ahead.delete(key);
      const outcome = await (early ?? enqueue(path, 'spreadsheet'));
      if (outcome.ok && 'data' in outcome) return outcome.data;
      throw unexpected();
    },
    prefetch: (path) => {
      const result = enqueue(path, 'spreadsheet');
      // a result nobody takes (the command failed first) is dropped without an unhandled rejection
      result.catch(() => undefined);
      ahead.set(resolve(path), result);
    },
    readPlan: async (path): Promise<PlanReading> => {
      const outcome = await enqueue(path, 'plan');
      if (outcome.ok && 'plan' in outcome) return outcome.plan;
      throw unexpected();
    },
  };
}
