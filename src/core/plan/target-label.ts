import type { ParsedTarget } from '../../shared/plan';
import { foldWidth } from '../text/fold';

/**
 * Names and units for targets a person would write, where the grammar's cut of the clause leaves a fragment.
 * The grammar takes the words before a figure as its label; in a list that shares one subject that is only
 * the part that differs:
 *
 *   "落实…生均公用经费基准定额,小学每生每年600元、初中800元标准,特殊教育学校达到6000元"
 *     → 小学生均公用经费基准定额 600元, 初中生均公用经费基准定额 800元, 特殊教育学校生均公用经费基准定额 6000元
 *   "全面完成年度中职2.85万招生任务" → unit 万人 (a magnitude alone says nothing of what is counted)
 *   "婚检率较2016年下降5%" → ≤ (the grammar reads the comparator from words before the figure)
 *
 * This module is the one place labels are refined: the parser calls it once per passage.
 */

/** Words that say a figure is per head or a standard, not what it measures. */
const PER_HEAD_WORDS = /(每生每年|每人每年|每生|每人|每年|标准)/g;
/** A clause that names what a list of figures measures: ends in a standard, a quota, funding, an allowance. */
const SUBJECT_END = /(基准定额|定额|补助标准|标准|经费|补助|补贴)$/;
const LEADING_VERBS = /^(落实好?|执行|提高|按照|实行|严格执行|继续|全面)+/;
/** The longest a fragment can be and still need its subject (特殊教育学校 is six characters). */
const FRAGMENT_LENGTH = 6;
const MAGNITUDE_ONLY = /^(千万|百万|十万|万|亿|千)$/;
/** What a count without its noun counts: people, when the label is about people. */
const PEOPLE_WORDS = /(学生|招生|学员|人员|人口|儿童|幼儿|老人|老年人|群众|残疾人|职工|农民工|患者|病人|居民|就业|参保|新生|毕业生)/;
const DECREASE_AFTER_YEAR = /较\d{4}年度?(同期)?(下降|降低|减少)/;

/** The shared subject of the figures in `sentence`: the clause before the first figure, if it names one. */
function sharedSubject(sentence: string): string | null {
  const folded = foldWidth(sentence);
  const firstFigure = folded.search(/\d/);
  if (firstFigure <= 0) return null;
  const clauses = folded
    .slice(0, firstFigure)
    .split(/[,，;；:：。]/)
    .map((c) => c.trim())
    .filter(Boolean);
  // the clause holding the first figure is a fragment itself; the subject is the one before it
  const subjectClause = clauses.length >= 2 ? clauses[clauses.length - 2] : undefined;
  if (!subjectClause || !SUBJECT_END.test(subjectClause)) return null;
  const perHead = /(生均|人均)/.exec(subjectClause);
  const subject = perHead ? subjectClause.slice(perHead.index) : subjectClause.replace(LEADING_VERBS, '');
  return subject.length >= 2 ? subject : null;
}

/** 小学每生每年 / 初中标准 / 特殊教育学校 + 生均公用经费基准定额 → 小学生均公用经费基准定额. */
function completedLabel(target: ParsedTarget): string {
  const isMoney = /元$/.test(target.unit);
  if (!isMoney) return target.label;
  const core = target.label.replace(PER_HEAD_WORDS, '').trim();
  if (core.length === 0 || core.length > FRAGMENT_LENGTH) return target.label;
  const subject = sharedSubject(target.text);
  if (!subject || target.label.includes(subject)) return target.label;
  return `${core}${subject}`;
}

/** 万 + a label about people → 万人 (base unit 人). */
function completedUnit(target: ParsedTarget): Pick<ParsedTarget, 'unit' | 'baseUnit'> {
  if (MAGNITUDE_ONLY.test(target.unit) && target.baseUnit === '' && PEOPLE_WORDS.test(target.label)) {
    return { unit: `${target.unit}人`, baseUnit: '人' };
  }
  return { unit: target.unit, baseUnit: target.baseUnit };
}

export function refineTarget(target: ParsedTarget): ParsedTarget {
  const comparator = target.relativeToYear !== null && DECREASE_AFTER_YEAR.test(foldWidth(target.text)) ? '<=' : target.comparator;
  return { ...target, label: completedLabel(target), ...completedUnit(target), comparator };
}

/** The targets of one passage with labels and units a person would write. */
export function refineTargets(targets: readonly ParsedTarget[]): ParsedTarget[] {
  return targets.map(refineTarget);
}
