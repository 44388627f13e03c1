/**
 * The spreadsheet parser process: one request in, one reply out, then exit. Runs as a Node child process
 * (CLI, tests) or an Electron utilityProcess (the app); either way a hostile file can at worst crash or
 * stall this process, which the host kills, while the app and the workbook are untouched.
 */
import { parseFile } from './parse-file';
import type { ParseReply, ParseRequest } from './parse-protocol';

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function handle(request: ParseRequest, reply: (message: ParseReply) => void): void {
  reply(parseFile(request));
}

if (parentPort) {
  parentPort.on('message', (event) => {
    handle(event.data as ParseRequest, (message) => {
      parentPort.postMessage(message);
      process.exit(0);
    });
  });
} else {
  process.on('message', (request) => {
    handle(request as ParseRequest, (message) => {
      process.send?.(message, () => process.exit(0));
    });
  });
}
