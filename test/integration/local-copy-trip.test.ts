import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyReviewed, reviewTrip } from '../../src/app/bring-back/review';
import { tripChanges } from '../../src/app/bring-back/trip-changes';
import { openWorkbook, type FileWorkbook } from '../../src/app/store/workbook';
import { newWorkbook, resources, tempDir } from './helpers';

/**
 * How a local copy's journal is read back (bring-back/): the trip's net changes and the review against the other
 * home, on two workbook files — the "server" and its copy — so the reduction's corner cases are checked without a
 * server (local-copy-return.test.ts runs the whole path on PostgreSQL).
 */
function trip(prepare: (office: FileWorkbook) => void): { office: FileWorkbook; copy: FileWorkbook; since: number } {
  const office = newWorkbook();
  prepare(office);
  const path = join(tempDir(), 'copy.mswb');
  office.db.pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(office.path, path);
  const copy = openWorkbook(path, { resources, actor: '出差的人' });
  const since = (copy.db.prepare('SELECT max(id) AS id FROM action').get() as { id: number | null }).id ?? 0;
  return { office, copy, since };
}
const review = (t: ReturnType<typeof trip>) => reviewTrip(t.office.db, tripChanges(t.copy.db, t.since), t.since);
const nextId = (w: FileWorkbook, table: string): number =>
  (w.db.prepare(`SELECT max(id) AS id FROM ${table}`).get() as { id: number }).id + 1;

describe('a local copy’s journal, read back', () => {
  it('an org deleted and re-added under its id, both undone, is no change; what else stays in effect comes back', () => {
    const t = trip((office) => office.journal.record('新增', '', (r) => r.insert('unit', { id: nextId(office, 'unit'), name: '测试局' })));
    const unit = nextId(t.copy, 'unit') - 1;
    t.copy.journal.record('别名', '', (r) => r.insert('unit_alias', { alias: '测试', unit_id: unit }));
    t.copy.journal.record('删除', '', (r) => {
      r.delete('unit_alias', { alias: '测试' });
      r.delete('unit', { id: unit });
    });
    t.copy.journal.record('新增', '', (r) => r.insert('unit', { id: unit, name: '另一个局' }));
    t.copy.journal.undo();
    t.copy.journal.undo();
    const { edits, leftOut } = review(t);
    expect(leftOut).toEqual([]);
    expect(edits.map((e) => [e.change.tableLabel, e.change.fieldLabel, e.change.state])).toEqual([['单位别名', '新增', 'clean']]);
  });

  it('a link cancelled, set again and changed is compared with what the copy had, so a colleague’s change is a conflict', () => {
    const t = trip((office) =>
      office.journal.record('关联', '', (r) => {
        for (const id of [2, 3, 4])
          r.insert('scenario', { id, name: `情景${id}`, kind: 'scenario', baseline_id: 1, created_at: '2027-01-01' });
        r.insert('target_link', { target_id: 1, source: 'livelihood_share', scenario_id: 2 });
      }),
    );
    t.copy.journal.record('取消', '', (r) => r.delete('target_link', { target_id: 1 }));
    t.copy.journal.record('关联', '', (r) => r.insert('target_link', { target_id: 1, source: 'livelihood_share', scenario_id: 3 }));
    t.copy.journal.record('改', '', (r) => r.update('target_link', { target_id: 1 }, 'scenario_id', 4));
    t.office.journal.record('同事', '', (r) => r.update('target_link', { target_id: 1 }, 'scenario_id', 3));
    const { edits } = review(t);
    expect(edits).toHaveLength(1);
    expect(edits[0]?.change.state).toBe('conflict');
    expect(edits[0]?.edit).toMatchObject({
      kind: 'update',
      columns: expect.arrayContaining([{ column: 'scenario_id', before: 2, after: 4 }]),
    });
  });

  it('a merge of two orgs comes back as nothing but what must be done by hand', () => {
    let kept = 0;
    let merged = 0;
    const t = trip((office) =>
      office.journal.record('单位', '', (r) => {
        merged = nextId(office, 'unit');
        kept = merged + 1;
        r.insert('unit', { id: merged, name: '甲局' });
        r.insert('unit_alias', { alias: '甲', unit_id: merged });
        r.insert('unit', { id: kept, name: '乙局' });
      }),
    );
    t.copy.journal.record('合并', '', (r) => {
      r.delete('unit_alias', { alias: '甲' });
      r.insert('unit_alias', { alias: '甲', unit_id: kept });
      r.update('unit', { id: kept }, 'contact', '张科长');
      r.delete('unit', { id: merged });
      r.insert('unit_alias', { alias: '甲局', unit_id: kept });
    });
    const { edits, leftOut } = review(t);
    expect(edits).toEqual([]);
    expect(leftOut.length).toBeGreaterThanOrEqual(3);
    expect(leftOut.every((change) => change.state === 'left-out' && change.reason)).toBe(true);
  });

  it('an update pointing at a record a colleague deleted is 服务器上已删除, and applying the rest does not fail on it', () => {
    let target = 0;
    const t = trip((office) =>
      office.journal.record('单位', '', (r) => {
        target = nextId(office, 'unit');
        r.insert('unit', { id: target, name: '丙局' });
        r.insert('unit', { id: target + 1, name: '丁局' });
        r.insert('unit_alias', { alias: '丁', unit_id: target + 1 });
      }),
    );
    t.copy.journal.record('别名改属', '', (r) => r.update('unit_alias', { alias: '丁' }, 'unit_id', target));
    t.copy.journal.record('备注', '', (r) => r.update('target', { id: 2 }, 'note', '出差核实'));
    t.office.journal.record('删除', '', (r) => r.delete('unit', { id: target }));
    const { edits } = review(t);
    expect(edits.map((e) => [e.change.tableLabel, e.change.state])).toEqual([
      ['单位别名', 'gone'],
      ['指标', 'clean'],
    ]);
    const applied = t.office.journal.record('带回', '', (recorder) =>
      applyReviewed(
        t.office.db,
        recorder,
        edits.filter((e) => e.change.state === 'clean'),
      ),
    );
    expect(applied).toBe(1);
  });

  it('a crafted journal is refused in Chinese, not as a program error', () => {
    const t = trip(() => undefined);
    t.copy.db.prepare("INSERT INTO action (at, actor, label) VALUES ('2027-01-01', 'x', 'x')").run();
    const action = (t.copy.db.prepare('SELECT max(id) AS id FROM action').get() as { id: number }).id;
    t.copy.db
      .prepare("INSERT INTO change_log (action_id, seq, op, table_name, row_key) VALUES (?, 0, 'insert_range', 'budget_line', ?)")
      .run(action, JSON.stringify({ from: 1, to: 1e12 }));
    expect(() => tripChanges(t.copy.db, t.since)).toThrow('副本中的批量新增记录无法识别');
    t.copy.db.prepare("UPDATE change_log SET op = 'update', table_name = 'no_such_table', row_key = '{}' WHERE action_id = ?").run(action);
    expect(() => tripChanges(t.copy.db, t.since)).toThrow('副本中的修改记录无法识别');
  });
});
