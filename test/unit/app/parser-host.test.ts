import { describe, expect, it } from 'vitest';
import type { ParseReply, ParseRequest } from '../../../src/app/exchange/parse-protocol';
import { PARSE_LIMITS } from '../../../src/app/exchange/parse-protocol';
import { type ParserProcess, warmParserHost } from '../../../src/app/exchange/parser-host';

/** A stand-in parser process whose answers the test decides per file name. */
class FakeProcess implements ParserProcess {
  static spawned: FakeProcess[] = [];
  static sent: string[] = [];
  killed = false;
  private messageListener: (reply: ParseReply) => void = () => undefined;
  private exitListener: (detail: string) => void = () => undefined;
  constructor() {
    FakeProcess.spawned.push(this);
  }
  send(request: ParseRequest): void {
    const name = request.path;
    FakeProcess.sent.push(name);
    if (name === 'hang') return;
    if (name === 'crash') {
      setTimeout(() => this.exitListener('SIGKILL'), 1);
      return;
    }
    const reply: ParseReply =
      name === 'bad'
        ? { id: request.id, ok: false, reason: '文件已损坏。' }
        : { id: request.id, ok: true, data: { fileName: name, kind: 'xlsx', sheets: [] } };
    setTimeout(() => this.messageListener(reply), 1);
  }
  onMessage(listener: (reply: ParseReply) => void): void {
    this.messageListener = listener;
  }
  onExit(listener: (detail: string) => void): void {
    this.exitListener = listener;
  }
  kill(): void {
    this.killed = true;
    // a killed process reports its exit a moment later
    setTimeout(() => this.exitListener('SIGKILL'), 5);
  }
  hold(): void {}
}

function host(timeoutMs = 200, idleMs = 10_000) {
  FakeProcess.spawned = [];
  FakeProcess.sent = [];
  return warmParserHost(() => new FakeProcess(), { ...PARSE_LIMITS, timeoutMs }, idleMs);
}

describe('the warm parser host', () => {
  it('a file parsed ahead (prefetch) is what the next parse of that path gets, without parsing it again', async () => {
    const parser = host();
    parser.prefetch?.('a');
    // a prefetched failure nobody takes is dropped, not an unhandled rejection
    parser.prefetch?.('bad');
    expect((await parser.parse('a')).fileName).toBe('a');
    expect((await parser.parse('b')).fileName).toBe('b');
    expect(FakeProcess.sent).toEqual(['a', 'bad', 'b']);
    // taken once: the same path again is parsed again
    expect((await parser.parse('a')).fileName).toBe('a');
    expect(FakeProcess.sent).toEqual(['a', 'bad', 'b', 'a']);
  });

  it('parses a series of files in one process, one at a time, in order', async () => {
    const parser = host();
    const names = await Promise.all(['a', 'b', 'c'].map((name) => parser.parse(name).then((data) => data.fileName)));
    expect(names).toEqual(['a', 'b', 'c']);
    expect(FakeProcess.spawned).toHaveLength(1);
  });

  it('gives the next file a new process after a refused file, a crash or a timeout', async () => {
    const parser = host(50);
    await expect(parser.parse('bad')).rejects.toThrow(/文件已损坏。工作簿未做任何修改/);
    await expect(parser.parse('crash')).rejects.toThrow(/意外退出（SIGKILL）/);
    await expect(parser.parse('hang')).rejects.toThrow(/秒仍未完成/);
    // the hung process exits only after the next file started: that must not fail the next file
    expect((await parser.parse('good')).fileName).toBe('good');
    expect(FakeProcess.spawned).toHaveLength(4);
    expect(FakeProcess.spawned.slice(0, 3).every((p) => p.killed || p === FakeProcess.spawned[1])).toBe(true);
  });

  it('lets an idle process go', async () => {
    const parser = host(200, 20);
    await parser.parse('a');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(FakeProcess.spawned[0]?.killed).toBe(true);
    await parser.parse('b');
    expect(FakeProcess.spawned).toHaveLength(2);
  });
});
