import { describe, expect, it } from 'vitest';
import { applyAccessRules } from '../../../src/app/store/pg/server-roles';
import type { ServerClient } from '../../../src/app/store/pg/server-connection';
import { COMMANDS, type CommandId } from '../../../src/shared/commands';
import { TARGET_EDITABLE_FIELDS } from '../../../src/shared/grid';
import {
  areaRefusal,
  commandRefusal,
  mayWrite,
  REPORTED_TARGET_FIELDS,
  roleText,
  targetCellRefusal,
  workbookRole,
} from '../../../src/shared/team-roles';

/**
 * The page's rule of who may edit what (team-roles.ts) against the server's grants (server-roles.ts), which
 * enforce it: the page must never offer less than the server allows a role, nor pretend a forbidden edit will be kept.
 */

const reporter = workbookRole('reporter', '市教育局');
const reader = workbookRole('reader');
const editor = workbookRole('editor');
const admin = workbookRole('admin');
const ownTask = { leadOrgs: ['市教育局'], coOrgs: [] };
const helpedTask = { leadOrgs: ['市财政局'], coOrgs: ['市教育局'] };
const otherTask = { leadOrgs: ['市人力资源社会保障局'], coOrgs: ['市财政局'] };

describe('which 指标 cells a role may edit', () => {
  it('单位填报: 实际值 and 备注 of targets of tasks its 责任单位 leads or helps with, nothing else', () => {
    for (const field of TARGET_EDITABLE_FIELDS) {
      const reported = (REPORTED_TARGET_FIELDS as readonly string[]).includes(field);
      expect(targetCellRefusal(reporter, field, ownTask) === null).toBe(reported);
      expect(targetCellRefusal(reporter, field, helpedTask) === null).toBe(reported);
      expect(targetCellRefusal(reporter, field, otherTask)).not.toBeNull();
    }
    expect(targetCellRefusal(reporter, 'actual', otherTask)).toBe('单位填报只能填写市教育局牵头或协办的任务的指标。');
    expect(targetCellRefusal(reporter, 'value', ownTask)).toBe('单位填报只能填写指标的实际值和备注。');
    // a target under no task (重点工作) is no 责任单位's: the policy's join finds no owner
    expect(targetCellRefusal(reporter, 'actual', undefined)).not.toBeNull();
  });

  it('只读 edits nothing; 编辑, 管理员 and a file edit every target cell', () => {
    for (const field of TARGET_EDITABLE_FIELDS) {
      expect(targetCellRefusal(reader, field, ownTask)).toBe('你在该团队工作簿中的身份是只读，不能修改。');
      for (const role of [editor, admin, undefined]) expect(targetCellRefusal(role, field, otherTask)).toBeNull();
    }
  });
});

describe('what each role may write, and the commands it is offered', () => {
  it('grows from 只读 to 管理员', () => {
    const areas = ['reported', 'values', 'structure'] as const;
    const allowed = (role: ReturnType<typeof workbookRole> | undefined) => areas.filter((area) => mayWrite(role, area));
    expect(allowed(reader)).toEqual([]);
    expect(allowed(reporter)).toEqual(['reported']);
    expect(allowed(editor)).toEqual(['reported', 'values']);
    expect(allowed(admin)).toEqual(areas);
    expect(allowed(undefined)).toEqual(areas);
    expect(areaRefusal(editor, 'structure')).toBe('你在该团队工作簿中的身份是编辑，只有管理员可以修改这部分内容。');
  });

  it('disables the structure commands for 编辑 and 单位填报, every writing command for 只读, none for a file', () => {
    const refused = (role: ReturnType<typeof workbookRole> | undefined) =>
      (Object.keys(COMMANDS) as CommandId[]).filter((command) => commandRefusal(role, command) !== null).sort();
    const structure = ['import-budget', 'import-execution', 'import-plan', 'plans'];
    expect(refused(admin)).toEqual([]);
    expect(refused(undefined)).toEqual([]);
    expect(refused(editor)).toEqual(structure);
    expect(refused(reporter)).toEqual([...structure, 'import-xlsx', 'local-copy-return'].sort());
    expect(refused(reader)).toEqual([...structure, 'import-xlsx', 'local-copy-return', 'import-packet', 'undo', 'redo'].sort());
    // reading, exporting, printing and opening another workbook stay with everyone
    for (const command of ['export-xlsx', 'export-packets', 'print', 'team-workbooks', 'view-targets'] as const)
      expect(commandRefusal(reader, command)).toBeNull();
  });

  it('names the role as the status bar shows it', () => {
    expect(roleText(reporter)).toBe('身份：单位填报（市教育局）');
    expect(roleText(editor)).toBe('身份：编辑');
    expect(workbookRole('editor', '市教育局')).toEqual({ kind: 'editor', label: '编辑' });
  });
});

describe('agrees with the grants the server makes', () => {
  /** The statements applyAccessRules sends, without a server: its grants are what the page's rule mirrors. */
  async function grants(): Promise<string[]> {
    const sent: string[] = [];
    const client = {
      query: (sql: string) => {
        sent.push(sql.replace(/\s+/g, ' '));
        return Promise.resolve({ rows: [{ name: 'office' }], rowCount: 1 });
      },
    } as unknown as ServerClient;
    await applyAccessRules(client, 'book');
    return sent.filter((sql) => sql.startsWith('GRANT ') && !sql.includes('SEQUENCES') && !sql.includes('USAGE'));
  }
  const to = (sql: string, kind: string) => sql.endsWith(`_book_${kind}`) || sql.includes(`_book_${kind},`);

  it('单位填报 may update exactly the target columns the page offers it (besides its journal)', async () => {
    const reporterGrants = (await grants()).filter(
      (sql) => to(sql, 'reporter') && !sql.startsWith('GRANT mswb_') && !/ON book\.(action|change_log)\b/.test(sql),
    );
    expect(reporterGrants).toEqual([expect.stringMatching(/^GRANT UPDATE \(actual, note\) ON book\.target TO /)]);
    expect(REPORTED_TARGET_FIELDS).toEqual(['actual', 'note']);
  });

  it('编辑 may write none of the tables behind the commands the page keeps for 管理员', async () => {
    const editorGrants = (await grants()).filter((sql) => to(sql, 'editor') && !sql.startsWith('GRANT mswb_'));
    const tables = editorGrants.flatMap((sql) => [...sql.matchAll(/book\.(\w+)/g)].map((match) => match[1]));
    // 导入计划/计划管理 (plan, task, target rows added or removed), 导入预算表 (budget, budget_line rows),
    // 导入预算执行表 (execution_*), 新建/删除情景 (scenario)
    for (const table of ['plan', 'budget', 'scenario', 'execution_report', 'execution_line', 'domain', 'plan_section'])
      expect(tables).not.toContain(table);
    expect(editorGrants.some((sql) => /INSERT/.test(sql) && /book\.(task|target|budget_line|unit)\b/.test(sql))).toBe(false);
  });
});
