import { existsSync } from 'node:fs';
import pg from 'pg';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { WorkbenchError } from '../../../shared/result';
import type { ServerAddress } from './server-address';
import { clientConfig, type ConnectOptions, connectionSettings } from './client-config';
import { serverError } from './server-connection';
import {
  ANSWERED,
  CONNECTION_LOST,
  HEARTBEAT,
  OTHERS_COMMITTED,
  presencePrefix,
  SHARED_SLOTS,
  type SyncAnswer,
  type SyncConnectionConfig,
  type SyncRequest,
} from './sync-protocol';

/**
 * A PostgreSQL connection the store can use as it uses SQLite: each query returns its rows, synchronously. The
 * driver runs in a worker thread (sync-worker.ts); this side posts a request and sleeps on a shared counter
 * (Atomics.wait) until the worker has posted the answer, then takes it from the port. The store's thread is
 * blocked for one round trip per statement — as it is for a disk read with SQLite — so repositories, the journal
 * and the edit planners run unchanged on either home.
 *
 * A connection that drops is reported as 连接中断 and replaced at the next statement (the transaction it was in
 * is gone with it, and says so): the next edit retries on a fresh connection.
 */

export interface QueryAnswer {
  rows: unknown[];
  rowCount: number;
  fields: string[];
  /** SELECT, INSERT, UPDATE, DELETE, … */
  command: string;
}

/** The connection's settings (client-config.ts); this side stops waiting a little after the statement time limit. */
export interface SyncServerOptions extends ConnectOptions {
  /** the compiled sync-worker script (beside the app's bundle, or bundled from source) */
  workerScript: string;
  /** how long a worker that has beaten once may stay silent before it is taken for dead (ms; 10 s unless told) */
  silenceLimit?: number;
}

/** long enough for a large answer's copy to the store's thread on a busy two-core machine */
const SILENCE_LIMIT_MS = 10_000;
/** the store's thread wakes this often while it waits, to look at the worker's heartbeat */
const WAKE_MS = 500;
/** How often a probe that does not block asks a server that could not be reached (problem(), query()). */
const RETRY_MS = 5000;

const NOT_YET = -2;
const FAILED = -1;

interface Live {
  worker: Worker;
  port: MessagePort;
  answered: Int32Array;
}

export class SyncServerConnection {
  private live: Live | null = null;
  private seq = 0;
  /** others' commits counted by earlier workers (a lost connection is replaced), plus one for each replacement */
  private othersBefore = 0;
  private readonly config: SyncConnectionConfig;
  /** the last connection attempt failed: statements then fail at once until a probe reaches the server */
  private connectFailed = false;
  /** a probe of the server in flight, without blocking (problem()) */
  private probing = false;
  /** the last probe reached the server: the next look at the connection reconnects */
  private reachable = false;
  private closed = false;

  constructor(
    readonly address: ServerAddress,
    private readonly options: SyncServerOptions,
  ) {
    this.config = {
      ...connectionSettings(address, { ...options, applicationName: options.applicationName ?? `${presencePrefix(address.workbook)}?` }),
      schema: address.workbook,
    };
    this.connect();
  }

  /** Whether a connection is up now, as far as the worker knows (after a loss, the next statement makes a new one). */
  get connected(): boolean {
    return this.live !== null && Atomics.load(this.live.answered, CONNECTION_LOST) === 0;
  }

  /**
   * Outside a transaction, a connection the worker knows is gone is replaced before the next statement, instead of
   * the statement failing with 连接中断 first (a server restart overnight costs nothing). Inside one it is not: the
   * transaction went with the connection, and its statement must fail.
   */
  replaceIfLost(): void {
    if (this.live && !this.connected) this.drop(this.live);
  }

  /**
   * Null while the connection is up; otherwise 连接中断, and the connection is being retried: a probe that does not
   * block the store's thread asks the server every few seconds, and once it answers, the connection is made again
   * here. Cheap when all is well: the page asks with every status poll.
   */
  problem(): string | null {
    if (this.connected || this.closed) return null;
    if (this.reachable) {
      this.reachable = false;
      try {
        if (this.live) this.drop(this.live);
        this.connect();
        return null;
      } catch {
        // gone again: probed again below
      }
    }
    this.probe();
    return `连接中断：与数据库服务器 ${this.address.host} 的连接已断开，正在自动重试；恢复之前本窗口只能查看，不能修改。`;
  }

  private probe(): void {
    if (this.probing) return;
    this.probing = true;
    const client = new pg.Client(clientConfig(this.config));
    client.on('error', () => undefined);
    client
      .connect()
      .then(
        () => {
          this.reachable = true;
          return client.end();
        },
        () => undefined,
      )
      .catch(() => undefined)
      .finally(() => {
        setTimeout(() => {
          this.probing = false;
        }, RETRY_MS).unref();
      });
  }

  get applicationName(): string {
    return this.config.applicationName;
  }

  private get waitLimit(): number {
    return this.config.statementTimeout + 15_000;
  }

  private connect(): Live {
    // whatever a probe found, this attempt is the news now
    this.reachable = false;
    // a missing script would only be noticed by a worker error event, which cannot arrive while this thread waits
    if (!existsSync(this.options.workerScript))
      throw new WorkbenchError('internal', `找不到连接数据库服务器的程序文件：${this.options.workerScript}`);
    const { port1, port2 } = new MessageChannel();
    const shared = new SharedArrayBuffer(SHARED_SLOTS * Int32Array.BYTES_PER_ELEMENT);
    const answered = new Int32Array(shared);
    answered[ANSWERED] = NOT_YET;
    const worker = new Worker(this.options.workerScript, {
      workerData: { config: this.config, shared, port: port2 },
      transferList: [port2],
    });
    worker.unref();
    const live = { worker, port: port1, answered };
    let answer: SyncAnswer;
    try {
      answer = this.await(live, 0);
    } catch (error) {
      this.connectFailed = true;
      throw error;
    }
    if (!answer.ok) {
      void worker.terminate();
      this.connectFailed = true;
      throw serverError({ code: answer.code, message: answer.message }, this.address);
    }
    this.connectFailed = false;
    this.live = live;
    return live;
  }

  /**
   * Sleeps until the worker posts answer `seq` (or fails to connect), then takes it from the port. A worker that
   * stops beating (sync-protocol.ts HEARTBEAT) will never answer: it is given up after the silence limit, not after
   * the statement time limit — a worker that was killed used to hold the app for over a minute.
   */
  private await(live: Live, seq: number): SyncAnswer {
    const deadline = Date.now() + this.waitLimit;
    const silenceLimit = this.options.silenceLimit ?? SILENCE_LIMIT_MS;
    let beat = Atomics.load(live.answered, HEARTBEAT);
    let beatAt = Date.now();
    for (;;) {
      const current = Atomics.load(live.answered, ANSWERED);
      if (current === seq || current === FAILED) break;
      const now = Date.now();
      const nextBeat = Atomics.load(live.answered, HEARTBEAT);
      if (nextBeat !== beat) [beat, beatAt] = [nextBeat, now];
      // before its first beat the worker is still loading: only the deadline applies
      else if (beat > 0 && now - beatAt > silenceLimit) {
        this.drop(live);
        throw new WorkbenchError(
          'storage',
          `连接中断：连接数据库服务器 ${this.address.host} 的后台线程已停止响应，操作未完成；下次操作会自动重新连接。`,
        );
      }
      const left = deadline - now;
      if (left <= 0) {
        this.drop(live);
        throw new WorkbenchError(
          'storage',
          `连接中断：数据库服务器 ${this.address.host} 在 ${Math.round(this.waitLimit / 1000)} 秒内没有应答，操作未完成。`,
        );
      }
      Atomics.wait(live.answered, ANSWERED, current, Math.min(left, WAKE_MS));
    }
    const message = receiveMessageOnPort(live.port);
    if (!message) throw new WorkbenchError('internal', 'the server worker answered without a message');
    return message.message as SyncAnswer;
  }

  /**
   * How many commits other people (connections) have made in this workbook since it was opened, as far as this
   * side has heard (the worker's LISTEN); it only grows. Read without asking the server.
   */
  othersCommitted(): number {
    return this.othersBefore + (this.live ? Atomics.load(this.live.answered, OTHERS_COMMITTED) : 0);
  }

  private drop(live: Live): void {
    this.othersBefore += Atomics.load(live.answered, OTHERS_COMMITTED) + 1;
    live.port.close();
    void live.worker.terminate();
    if (this.live === live) this.live = null;
  }

  query(text: string, values: readonly unknown[] = [], rowMode: 'object' | 'array' = 'object'): QueryAnswer {
    // after a reconnection failed, only a probe that reached the server (problem(), or kicked here) earns another
    // blocking attempt: a dropped network would otherwise freeze the app for the connection time limit each time
    if (!this.live && this.connectFailed && !this.reachable) {
      this.probe();
      throw new WorkbenchError('storage', `连接中断：数据库服务器 ${this.address.host} 暂时连不上，正在自动重试，请稍后再操作。`);
    }
    const live = this.live ?? this.connect();
    const seq = ++this.seq;
    const request: SyncRequest = { seq, text, values: [...values], rowMode };
    live.port.postMessage(request);
    const answer = this.await(live, seq);
    if (answer.ok) return { rows: answer.rows, rowCount: answer.rowCount, fields: answer.fields, command: answer.command };
    if (answer.lost) {
      this.drop(live);
      throw new WorkbenchError(
        'storage',
        `连接中断：与数据库服务器 ${this.address.host} 的连接已断开（${answer.message}），本次操作未完成；下次操作会自动重新连接。`,
      );
    }
    throw serverError({ code: answer.code, message: answer.message }, this.address);
  }

  close(): void {
    this.closed = true;
    const live = this.live;
    this.live = null;
    if (!live) return;
    live.worker.postMessage('close');
    // the worker ends its connection and exits; it is unref'd, so nothing waits for it
  }
}
