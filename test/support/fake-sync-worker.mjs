// A stand-in for src/app/store/pg/sync-worker.ts without a database, for the store's waiting side: it "connects",
// beats like the real worker, and answers each request as its connection's application name says — after a delay
// while still beating ('slow'), or never, its event loop stuck ('stuck').
import { workerData } from 'node:worker_threads';

const { config, shared, port } = workerData;
const behaviour = config.applicationName;
const slots = new Int32Array(shared);
const [ANSWERED, HEARTBEAT] = [0, 2];

function post(answer) {
  port.postMessage(answer);
  Atomics.store(slots, ANSWERED, answer.seq);
  Atomics.notify(slots, ANSWERED);
}

setInterval(() => Atomics.add(slots, HEARTBEAT, 1), 100).unref();
setTimeout(() => post({ seq: 0, ok: true, rows: [], rowCount: 0, fields: [], command: '' }), 150);
port.on('message', (request) => {
  const answer = { seq: request.seq, ok: true, rows: [{ answered: request.text }], rowCount: 1, fields: ['answered'], command: 'SELECT' };
  if (behaviour === 'slow') setTimeout(() => post(answer), 2500);
  if (behaviour === 'stuck') for (;;);
});
