import type { OrgEditableField } from '../../shared/grid';
import type { OwnerRole } from '../../shared/plan';
import { accept, type EditPlan, insert, refuse, remove, type RowChange, update } from '../edits/row-changes';

/**
 * What an edit of an org cell changes (grid, paste, spreadsheet import), and what merging two orgs does to their
 * roles. Pure: the facts come in as lookups the application answers from the workbook, changes come out.
 */

/** A cell holding org names: "市教育局、市财政局" (the separators a person types or pastes). */
export function splitOrgNames(text: string): string[] {
  return text
    .split(/[、,，;；/\n]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

export interface OrgEditFacts {
  exists(orgId: number): boolean;
  /** the org holding `name` as its name or an alias, as the workbook is before the batch */
  findOrg(name: string): number | null;
  /** the org's aliases before the batch */
  aliases(orgId: number): readonly string[];
}

export interface OrgEdit {
  orgId: number;
  field: OrgEditableField;
  value: string;
}

export const ORG_MISSING = '单位不存在，可能已被合并或删除，请刷新';

/** Plans a batch of org cells in order; an alias list edited twice in one batch changes from the first edit's result. */
export function planOrgEdits(facts: OrgEditFacts, edits: readonly OrgEdit[]): EditPlan[] {
  const aliasesNow = new Map<number, readonly string[]>();
  const nameTaken = (name: string, orgId: number): boolean => {
    const owner = facts.findOrg(name);
    return owner !== null && owner !== orgId;
  };
  return edits.map(({ orgId, field, value: text }) => {
    if (!facts.exists(orgId)) return refuse(ORG_MISSING);
    const key = { id: orgId };
    const value = text.trim();
    switch (field) {
      case 'name':
        if (value === '') return refuse('单位名称不能为空');
        if (nameTaken(value, orgId)) return refuse('已有同名（或以此为别名）的单位；如是同一单位，请用“合并”');
        return accept(update('unit', key, 'name', value));
      case 'aliases': {
        const aliases = [...new Set(splitOrgNames(value))];
        const taken = aliases.filter((alias) => nameTaken(alias, orgId));
        if (taken.length > 0) return refuse(`“${taken.join('、')}”已是其他单位的名称或别名`);
        const current = aliasesNow.get(orgId) ?? facts.aliases(orgId);
        aliasesNow.set(orgId, aliases);
        return accept(
          ...current.filter((alias) => !aliases.includes(alias)).map((alias) => remove('unit_alias', { alias })),
          ...aliases.filter((alias) => !current.includes(alias)).map((alias) => insert('unit_alias', { alias, unit_id: orgId })),
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

export interface MergingOrg {
  id: number;
  name: string;
  contact: string;
  phone: string;
}

/** One owner table (task_owner, domain_owner, safeguard_owner): the roles of the org merged away and of the one kept. */
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
export function planOrgMerge(
  from: MergingOrg,
  into: MergingOrg,
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
  // the old name keeps working: pasted text and later imports find the merged org
  changes.push(insert('unit_alias', { alias: from.name, unit_id: into.id }));
  return changes;
}
