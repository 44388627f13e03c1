import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChannelName } from '../../src/shared/channel-names';
import { CHANNEL_NAMES } from '../../src/shared/channel-names';
import { contentHash } from '../../src/app/store/content-hash';
import { invoker, newWorkbook } from './helpers';

/**
 * Every channel, fed what a compromised page might send: extra keys, `__proto__`, NaN and Infinity, floats
 * and huge numbers where integers belong, strings past every limit, wrong types. Each must answer with a
 * validation error and leave the workbook exactly as it was. (FUZZ_RUNS sets the cases per property.)
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const token = '00000000-0000-4000-8000-000000000000';
const mapping = { sheet: 's', headerRow: 0, codeColumn: 0, nameColumn: 1, amountColumn: 2, unit: 'wan' };
const executionMapping = {
  sheet: 's',
  headerRow: 0,
  codeColumn: 0,
  nameColumn: 1,
  initialBudgetColumn: null,
  adjustedBudgetColumn: 2,
  monthColumn: null,
  cumulativeColumn: 3,
  unit: 'wan',
  year: 2017,
  month: 6,
};

/** One well-formed input per channel: the starting point the mutations break. */
const VALID: Record<ChannelName, Record<string, unknown>> = {
  'workbook-info': {},
  'plan-list': {},
  'task-list': { planId: 1 },
  'task-update': { edits: [{ taskId: 1, field: 'remark', value: 'x' }], reason: 'r' },
  'task-owner-set': { changes: [{ taskId: 1, orgId: 1, role: 'lead' }] },
  'target-list': { planId: 1 },
  'target-update': { edits: [{ targetId: 1, field: 'actual', value: '1' }] },
  'progress-settings-update': { asOf: '2017-07-01', yellowPoints: 10, redPoints: 30 },
  'org-list': {},
  'org-update': { edits: [{ orgId: 1, field: 'phone', value: '1' }] },
  'org-add': { name: '新单位' },
  'org-merge': { fromOrgId: 1, intoOrgId: 2 },
  'history-undo': {},
  'history-redo': {},
  'history-state': {},
  'change-log-list': { limit: 10, taskId: 1, orgId: 1, from: '2017-01-01', to: '2017-12-31' },
  'plan-parse': { text: '计划' },
  'plan-import': { text: '计划', sourceName: 'x.txt' },
  'plan-pick-file': {},
  'plan-find-same': { text: '计划' },
  'plan-delete': { planId: 1 },
  'budget-view': { scenarioId: 1 },
  'budget-metrics': { scenarioId: 1 },
  'scenario-list': {},
  'budget-line-update': { scenarioId: 1, lineId: 1, field: 'amount', value: '1' },
  'budget-line-edits': { scenarioId: 1, edits: [{ lineId: 1, field: 'amount', value: '1' }], reason: 'r', label: 'l' },
  'budget-scale': { scenarioId: 2, percent: '-5', lineIds: [1] },
  'budget-line-revert': { scenarioId: 1, lineId: 1, field: 'amount' },
  'budget-line-add': { scenarioId: 1, code: '2050202', name: 'x', amount: '1' },
  'budget-line-delete': { scenarioId: 1, lineIds: [1] },
  'budget-settings-update': { floor: 0.7, livelihoodClasses: ['205'] },
  'scenario-select': { scenarioId: 1 },
  'scenario-create': { name: 'x', fromScenarioId: 1 },
  'scenario-delete': { scenarioId: 1 },
  'scenario-lock': { scenarioId: 1, locked: true },
  'scenario-promote': { scenarioId: 1 },
  'goal-seek': { scenarioId: 1, lineId: 1, variable: 'amount', share: 0.72, saveAs: 'x' },
  breakback: { scenarioId: 1, lineIds: [1], heldLineIds: [], amount: '1', mode: 'even', saveAs: 'x' },
  sensitivity: { scenarioId: 1, row: { group: { kind: 'all' }, steps: [0.1] } },
  'scenario-compare': { scenarioIds: [1] },
  'xlsx-export': {},
  'xlsx-import-preview': {},
  'xlsx-import-apply': { token },
  'budget-import-inspect': {},
  'budget-import-preview': { token, mapping },
  'budget-import-apply': { token, mapping, baselineName: 'x' },
  'packet-export': { orgId: 1 },
  'packet-import-preview': {},
  'packet-import-apply': { token, acceptIds: [1] },
  'recovery-state': {},
  'backup-list': {},
  'backup-create': {},
  'backup-restore': { file: 'a.mswb' },
  'workbook-copy-local': {},
  'workbook-new': {},
  'workbook-open': {},
  'workbook-open-recent': { path: '/tmp/x.mswb' },
  'workbook-save-as': {},
  'workbook-recent': {},
  'workbook-status': {},
  'workbook-force-open': {},
  'report-data': { kind: 'compliance', scenarioIds: [1] },
  'report-pdf': { kind: 'matrix' },
  'execution-view': { budgetId: 1, year: 2017, month: 6 },
  'execution-compare': { year: 2017, month: 6 },
  'execution-budget-create': { name: '新地区' },
  'execution-budget-update': { budgetId: 1, name: '地区', livelihoodClasses: ['205'] },
  'execution-budget-delete': { budgetId: 1 },
  'execution-examples-delete': {},
  'execution-import-inspect': {},
  'execution-import-preview': { token, mappings: [executionMapping], budgetId: 1 },
  'execution-import-apply': { token, mappings: [executionMapping], newBudgetName: 'x' },
  'execution-month-create': { budgetId: 1, year: 2017, month: 7 },
  'execution-report-withdraw': { reportId: 1 },
  'execution-lines-update': { reportId: 1, edits: [{ lineId: 1, field: 'cumulative', value: '1' }] },
  'execution-line-add': { reportId: 1, code: '2050202', name: 'x' },
  'execution-lines-delete': { reportId: 1, lineIds: [1] },
  'execution-scenario-create': { budgetId: 1, year: 2017, month: 6, method: 'planned' },
  'target-link-set': { targetId: 1, link: { source: 'budget_share', scenarioId: 1 } },
  // port 1 on this machine: nothing listens, so a well-formed call is refused at once
  'server-upload': { address: 'postgres://li@127.0.0.1:1/office?workbook=dazhou', password: '', title: '达州' },
  'server-local-copy': { address: 'postgres://li@127.0.0.1:1/office?workbook=dazhou', password: '' },
  'local-copy-review': {},
  'local-copy-apply': { token: '00000000-0000-0000-0000-000000000000', acceptIds: [0] },
  'workbook-open-server': { address: 'postgres://li@127.0.0.1:1/office?workbook=dazhou', password: '', remember: false },
  'server-password-state': { address: 'postgres://li@127.0.0.1:1/office?workbook=dazhou' },
  'server-password-forget': { address: 'postgres://li@127.0.0.1:1/office?workbook=dazhou' },
};

const HUGE = 'x'.repeat(2_000_001);
/** Values no field of any channel accepts in place of a number. */
const badNumber = fc.constantFrom<unknown>(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -1,
  2 ** 60,
  '1',
  null,
  {},
  [],
  true,
);
/** … in place of a string. */
const badString = fc.constantFrom<unknown>(HUGE, 42, null, {}, [], true);
/** … in place of a boolean or an object/array. */
const badOther = fc.constantFrom<unknown>('true', 1, null, Number.NaN, HUGE);

/** Fields where null is a value with a meaning (a region's 民生 classes: null = the workbook's setting). */
const NULLABLE_FIELDS = new Set(['execution-budget-update.livelihoodClasses']);

function badValueFor(value: unknown, nullable: boolean): fc.Arbitrary<unknown> {
  const bad = typeof value === 'number' ? badNumber : typeof value === 'string' ? badString : badOther;
  return nullable ? bad.filter((candidate) => candidate !== null) : bad;
}

describe('IPC validation over every channel', () => {
  it('lists a sample for every channel', () => {
    expect(Object.keys(VALID).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('refuses extra keys, __proto__, bad types and out-of-range values, and changes nothing', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const before = contentHash(workbook.db);
    let cases = 0;
    const refused = async (channel: string, input: unknown): Promise<void> => {
      cases++;
      const result = await invoke(channel, input);
      expect(result.ok, `${channel} accepted ${JSON.stringify(input)?.slice(0, 200)}`).toBe(false);
      if (!result.ok) expect(result.error.kind).toBe('validation');
    };
    for (const channel of CHANNEL_NAMES) {
      const valid = VALID[channel];
      // an unknown key, with any value
      await fc.assert(
        fc.asyncProperty(
          fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in valid) && k !== '__proto__'),
          fc.anything(),
          async (key, value) => {
            await refused(channel, { ...valid, [key]: value });
          },
        ),
        { numRuns: RUNS },
      );
      // __proto__ as an own key, as JSON.parse makes it
      await refused(
        channel,
        JSON.parse(
          `{${Object.keys(valid)
            .map((k) => `${JSON.stringify(k)}:${JSON.stringify(valid[k])},`)
            .join('')}"__proto__":{"polluted":1}}`,
        ),
      );
      // each field replaced by a value of the wrong kind or out of range
      for (const field of Object.keys(valid)) {
        await fc.assert(
          fc.asyncProperty(badValueFor(valid[field], NULLABLE_FIELDS.has(`${channel}.${field}`)), async (bad) => {
            await refused(channel, { ...valid, [field]: bad });
          }),
          { numRuns: Math.min(RUNS, 10) },
        );
      }
      for (const notAnObject of [null, 'x', 42, [valid]]) await refused(channel, notAnObject);
    }
    expect(contentHash(workbook.db)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    console.info(`[ipc] ${CHANNEL_NAMES.length} channels, ${cases} malformed inputs, all refused, workbook unchanged`);
  }, 300_000);

  it('nested arrays of edits are checked item by item', async () => {
    const invoke = invoker(newWorkbook());
    for (const edits of [
      [{ taskId: 1.5, field: 'remark', value: 'x' }],
      [{ taskId: 1, field: 'body', value: 'x' }],
      Array.from({ length: 20_001 }, () => ({ taskId: 1, field: 'remark', value: 'x' })),
    ]) {
      const result = await invoke('task-update', { edits });
      expect(result.ok).toBe(false);
    }
  });
});
