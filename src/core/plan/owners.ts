import type { Owner } from '../../shared/plan';
import { foldWidth } from '../text/fold';

/**
 * Owner phrases: "(责任单位:市教育局、市财政局等)", "（牵头单位：X，配合单位：Y、Z）", "牵头单位:X;责任单位:Y",
 * "主办单位:X". The first unit of an unlabelled 责任单位 list leads, the rest cooperate.
 */

const LEAD_LABELS = ['牵头单位', '牵头部门', '主办单位', '主责单位', '牵头'];
const CO_LABELS = ['配合单位', '协办单位', '参与单位', '配合部门', '协助单位'];
const GENERIC_LABELS = ['责任单位', '责任部门', '实施单位'];
const ALL_LABELS = [...LEAD_LABELS, ...CO_LABELS, ...GENERIC_LABELS].sort((a, b) => b.length - a.length);

const LABEL_PATTERN = new RegExp(`(${ALL_LABELS.join('|')})\\s*[:：]`, 'g');

/** Does this line (or trailing parenthesis) state owners? */
export const OWNER_LINE = new RegExp(`^\\s*[(（]?\\s*(${ALL_LABELS.join('|')})\\s*[:：]`);
/** An owner parenthesis at the end of a task line. */
export const TRAILING_OWNER_GROUP = new RegExp(`[(（]\\s*(?:${ALL_LABELS.join('|')})\\s*[:：][^]*$`);

/** Splits "A、B,C;D" at top level only: "各县(市、区)人民政府" stays whole. */
export function splitUnitList(list: string): string[] {
  const units: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of list) {
    const folded = foldWidth(ch);
    if (folded === '(') depth++;
    if (folded === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && /[、,;，；\s]/.test(folded)) {
      if (current.trim()) units.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) units.push(current.trim());
  return units
    .map((unit) => unit.replace(/(等|等单位|等部门)$/, '').replace(/^(和|及|以及)/, '').trim())
    .filter((unit) => unit.length > 0 && unit !== '等');
}

/** Reads an owner phrase into ordered owners with roles. */
export function parseOwnerPhrase(phrase: string): Owner[] {
  let text = phrase.trim();
  // drop one pair of enclosing parentheses and a closing 。
  text = text.replace(/[。.]$/, '').trim();
  if (/^[(（]/.test(text) && /[)）]$/.test(text)) text = text.slice(1, -1);
  const segments: { label: string; list: string }[] = [];
  const matches = [...text.matchAll(LABEL_PATTERN)];
  matches.forEach((match, index) => {
    const start = match.index + match[0].length;
    const end = matches[index + 1]?.index ?? text.length;
    segments.push({ label: match[1] ?? '', list: text.slice(start, end).replace(/[;；,，。\s]+$/, '') });
  });
  const hasLead = segments.some((segment) => LEAD_LABELS.includes(segment.label));
  const owners: Owner[] = [];
  const seen = new Set<string>();
  const add = (unit: string, role: Owner['role']): void => {
    if (seen.has(unit)) return;
    seen.add(unit);
    owners.push({ unit, role });
  };
  for (const segment of segments) {
    const units = splitUnitList(segment.list);
    if (LEAD_LABELS.includes(segment.label)) units.forEach((unit) => add(unit, 'lead'));
    else if (CO_LABELS.includes(segment.label) || hasLead) units.forEach((unit) => add(unit, 'co'));
    else units.forEach((unit, index) => add(unit, index === 0 ? 'lead' : 'co'));
  }
  return owners;
}
