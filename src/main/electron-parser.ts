import { utilityProcess } from 'electron';
import { PARSE_LIMITS, type ParseReply, type ParseRequest, type SpreadsheetParser } from '../app/exchange/parse-protocol';
import { warmParserHost } from '../app/exchange/parser-host';

/**
 * The app's parser host: an Electron utilityProcess (Node without RunAsNode, which the fuses turn off),
 * heap-capped, kept warm between files and killed on a timeout (see parser-host.ts). Same worker and messages
 * as the Node host.
 */
export function electronSpreadsheetParser(workerPath: string, limits = PARSE_LIMITS): SpreadsheetParser {
  return warmParserHost(() => {
    const child = utilityProcess.fork(workerPath, [], {
      serviceName: '民生规划工作台 表格解析',
      execArgv: [`--max-old-space-size=${limits.maxHeapMb}`],
      stdio: 'ignore',
    });
    // messages sent before the process is up are held until it is
    let spawned = false;
    const waiting: ParseRequest[] = [];
    child.on('spawn', () => {
      spawned = true;
      for (const request of waiting.splice(0)) child.postMessage(request);
    });
    return {
      send: (request) => (spawned ? child.postMessage(request) : waiting.push(request)),
      onMessage: (listener) => child.on('message', (message: unknown) => listener(message as ParseReply)),
      onExit: (listener) => child.on('exit', (code) => listener(`代码 ${code}`)),
      kill: () => void child.kill(),
      // the app stays open anyway; the utility process ends with it
      hold: () => undefined,
    };
  }, limits);
}
