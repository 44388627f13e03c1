import type { UnitEditableField } from '../../shared/grid';
import type { OwnerRole } from '../../shared/plan';
import { accept, type EditPlan, insert, refuse, remove, type RowChange, update } from '../edits/row-changes';

/**
 * What an edit of a unit cell changes (grid, paste, spreadsheet import), and what merging two units does to their
 * roles. Pure: the facts come in as lookups the application answers from the workbook, changes come out.
 */

/** A cell holding unit names: "市教育局、市财政局" (the separators a person types or pastes). */
export function splitUnitNames(text: string): string[] {
  return text
    .split(/[、,，;；/\n]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

export interface UnitEditFacts {
  exists(unitId: number): boolean;
  /** the unit holding `name` as its name or an alias, as the workbook is before the batch */
  findUnit(name: string): number | null;
  /** the unit's aliases before the batch */
  aliases(unitId: number): readonly string[];
}

export interface UnitEdit {
  unitId: number;
  field: UnitEditableField;
  value: string;
}

export const UNIT_MISSING = '单位不存在，可能已被合并或删除，请刷新';

/** Plans a batch of unit cells in order; an alias list edited twice in one batch changes from the first edit's result. */
export function planUnitEdits(facts: UnitEditFacts, edits: readonly UnitEdit[]): EditPlan[] {
  const aliasesNow = new Map<number, readonly string[]>();
  const nameTaken = (name: string, unitId: number): boolean => {
    const owner = facts.findUnit(name);
    return owner !== null && owner !== unitId;
  };
  return edits.map(({ unitId, field, value: text }) => {
    if (!facts.exists(unitId)) return refuse(UNIT_MISSING);
    const key = { id: unitId };
    const value = text.trim();
    switch (field) {
      case 'name':
        if (value === '') return refuse('单位名称不能为空');
        if (nameTaken(value, unitId)) return refuse('已有同名（或以此为别名）的单位；如是同一单位，请用“合并”');
        return accept(update('unit', key, 'name', value));
      case 'aliases': {
        const aliases = [...new Set(splitUnitNames(value))];
        const taken = aliases.filter((alias) => nameTaken(alias, unitId));
        if (taken.length > 0) return refuse(`“${taken.join('、')}”已是其他单位的名称或别名`);
        const current = aliasesNow.get(unitId) ?? facts.aliases(unitId);
        aliasesNow.set(unitId, aliases);
        return accept(
          ...current.filter((alias) => !aliases.includes(alias)).map((alias) => remove('unit_alias', { alias })),
          ...aliases.filter((alias) => !current.includes(alias)).map((alias) => insert('unit_alias', { alias, unit_id: unitId })),
        );
      }
      case 'contact':
        return value.length > 40 ? refuse('联系人不超过40个字') : accept(update('unit', key, 'contact', value));
      case 'phone':
        if (value !== '' && !/^[\d\s\-+()（）转,，、;；]{3,60}$/.test(value)) return refuse('电话只能包含数字、空格、“-”“转”和括号');
        return accept(update('unit', key, 'phone', value));
    }
  });
}

export interface MergingUnit {
  id: number;
  name: string;
  contact: string;
  phone: string;
}

/** One owner table (task_owner, domain_owner, safeguard_owner): the roles of the unit merged away and of the one kept. */
export interface OwnerRoles {
  table: string;
  /** the column naming the item (task_id, domain_id, safeguard_id) */
  itemColumn: string;
  from: readonly { itemId: number; role: OwnerRole; ord: number }[];
  into: ReadonlyMap<number, OwnerRole>;
}

/**
 * Merging `from` into `into`: its roles move over (where both hold a role on the same item, lead wins), its aliases
 * and its name become aliases of `into`, and its contact and phone fill any `into` lacks.
 */
export function planUnitMerge(
  from: MergingUnit,
  into: MergingUnit,
  roles: readonly OwnerRoles[],
  fromAliases: readonly string[],
): RowChange[] {
  const changes: RowChange[] = [];
  for (const { table, itemColumn, from: moving, into: kept } of roles) {
    for (const row of moving) {
      const existing = kept.get(row.itemId);
      changes.push(remove(table, { [itemColumn]: row.itemId, unit_id: from.id }));
      if (!existing) changes.push(insert(table, { [itemColumn]: row.itemId, unit_id: into.id, role: row.role, ord: row.ord }));
      else if (row.role === 'lead') changes.push(update(table, { [itemColumn]: row.itemId, unit_id: into.id }, 'role', 'lead'));
    }
  }
  for (const alias of fromAliases) changes.push(remove('unit_alias', { alias }), insert('unit_alias', { alias, unit_id: into.id }));
  if (!into.contact && from.contact) changes.push(update('unit', { id: into.id }, 'contact', from.contact));
  if (!into.phone && from.phone) changes.push(update('unit', { id: into.id }, 'phone', from.phone));
  changes.push(remove('unit', { id: from.id }));
  // the old name keeps working: pasted text and later imports find the merged unit
  changes.push(insert('unit_alias', { alias: from.name, unit_id: into.id }));
  return changes;
}
