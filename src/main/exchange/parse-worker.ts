/**
 * The spreadsheet parser process: requests in, one reply each. Runs as a Node child process (CLI, tests) or
 * an Electron utilityProcess (the app); either way a hostile file can at worst crash or stall this process,
 * which the host kills, while the app and the workbook are untouched. The host keeps it for the next file
 * for a short while (see parser-host.ts); it exits when the host goes away.
 */
import { parseFile } from './parse-file';
import type { ParseReply, ParseRequest } from './parse-protocol';

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function handle(request: ParseRequest): ParseReply {
  return { id: request.id, ...parseFile(request) };
}

if (parentPort) {
  parentPort.on('message', (event) => parentPort.postMessage(handle(event.data as ParseRequest)));
} else {
  process.on('message', (request) => process.send?.(handle(request as ParseRequest)));
  // the host exited or let go of this process: nothing more will come
  process.on('disconnect', () => process.exit(0));
}
