import { fork } from 'node:child_process';
import { PARSE_LIMITS, type ParseReply, type SpreadsheetParser } from './parse-protocol';
import { warmParserHost } from './parser-host';

/**
 * The parser host for the CLI and the tests: a Node child process with a heap cap, kept warm between files
 * (see parser-host.ts). The app uses an Electron utilityProcess with the same worker and the same limits.
 */
export function nodeSpreadsheetParser(
  workerPath: string | (() => string),
  execArgv: string[] = [],
  limits = PARSE_LIMITS,
  idleMs?: number,
): SpreadsheetParser {
  // a path to build (the bundled worker) is only built when a file is first parsed: most commands parse none
  let path: string | null = typeof workerPath === 'string' ? workerPath : null;
  return warmParserHost(
    () => {
      path ??= (workerPath as () => string)();
      const child = fork(path, [], {
        execArgv: [...execArgv, `--max-old-space-size=${limits.maxHeapMb}`],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        serialization: 'advanced',
      });
      return {
        send: (request) => child.send(request),
        onMessage: (listener) => child.on('message', (message) => listener(message as ParseReply)),
        onExit: (listener) => {
          child.on('exit', (code, signal) => listener(signal ?? `代码 ${code}`));
          child.on('error', (error) => listener(`无法启动：${error.message}`));
        },
        kill: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        },
        hold: (busy) => {
          // an idle parser must not keep a CLI command from exiting
          if (busy) {
            child.ref();
            child.channel?.ref();
          } else {
            child.unref();
            child.channel?.unref();
          }
        },
      };
    },
    limits,
    idleMs,
  );
}

let early: SpreadsheetParser | null = null;

/**
 * The CLI starts its parser process and the parse of the command's file first thing, so that Node starting the
 * process and the parse itself overlap the CLI loading the rest of itself and opening the workbook.
 */
export function startEarlyParser(workerPath: string, file: string): void {
  early = nodeSpreadsheetParser(workerPath);
  early.prefetch?.(file);
}

/** The parser started early (once), or undefined. */
export function takeEarlyParser(): SpreadsheetParser | undefined {
  const parser = early ?? undefined;
  early = null;
  return parser;
}
