import type { UnitEditableField } from '../../shared/grid';
import type { Db } from '../store/connection';
import type { Recorder } from '../store/journal';
import { findUnitId, unitAliases } from '../store/unit-repository';
import { accept, refuse, type CellPlan } from './cell-edits';
import { splitUnitList } from './task-edits';

/** Checking and writing one unit cell: shared by the grid, paste and spreadsheet import. */

function nameTaken(db: Db, name: string, unitId: number): boolean {
  const owner = findUnitId(db, name);
  return owner !== null && owner !== unitId;
}

function setAliases(db: Db, recorder: Recorder, unitId: number, aliases: readonly string[]): void {
  const current = unitAliases(db, unitId);
  for (const alias of current) if (!aliases.includes(alias)) recorder.delete('unit_alias', { alias });
  for (const alias of aliases) if (!current.includes(alias)) recorder.insert('unit_alias', { alias, unit_id: unitId });
}

export function planUnitEdit(db: Db, unitId: number, field: UnitEditableField, text: string): CellPlan {
  const key = { id: unitId };
  const value = text.trim();
  switch (field) {
    case 'name':
      if (value === '') return refuse('单位名称不能为空');
      if (nameTaken(db, value, unitId)) return refuse('已有同名（或以此为别名）的单位；如是同一单位，请用“合并”');
      return accept((r) => r.update('unit', key, 'name', value));
    case 'aliases': {
      const aliases = [...new Set(splitUnitList(value))];
      const taken = aliases.filter((alias) => nameTaken(db, alias, unitId));
      if (taken.length > 0) return refuse(`“${taken.join('、')}”已是其他单位的名称或别名`);
      return accept((r) => setAliases(db, r, unitId, aliases));
    }
    case 'contact':
      return value.length > 40 ? refuse('联系人不超过40个字') : accept((r) => r.update('unit', key, 'contact', value));
    case 'phone':
      if (value !== '' && !/^[\d\s\-+()（）转,，、;；]{3,60}$/.test(value)) return refuse('电话只能包含数字、空格、“-”“转”和括号');
      return accept((r) => r.update('unit', key, 'phone', value));
  }
}

