import { useState } from 'react';
import type { OwnerFix } from '../../shared/contract';
import { foldWidth } from '../../core/text/fold';
import type { ParsedPlan, ParsedTarget, ParsedTask } from '../../shared/plan';

const COMPARATOR_SIGNS: Record<ParsedTarget['comparator'], string> = { '>=': '≥', '<=': '≤', '=': '=', range: '区间' };

function describeTarget(target: ParsedTarget): string {
  const amount = target.comparator === 'range' ? `${target.min}～${target.max}${target.baseUnit}` : `${target.value}${target.unit}`;
  const approx = target.approx ? '约' : '';
  const baseline = target.baseline !== null ? `（基期 ${target.baseline}）` : '';
  const relative = target.relativeToYear !== null ? `（较${target.relativeToYear}年）` : '';
  return `${target.label} ${COMPARATOR_SIGNS[target.comparator]} ${approx}${amount}${baseline}${relative}`;
}

/** "市教育局、市财政局" (or with commas/spaces) → the org names. */
export function splitOrgs(text: string): string[] {
  return text
    .split(/[、,，;；\s]+/)
    .map((org) => org.trim())
    .filter((org) => org !== '');
}

/** The task's number, and the number as written when the plan wrote it otherwise ("7（一是）", "3（（三））"). */
function numberAsWritten(task: ParsedTask): string {
  const written = foldWidth(task.label ?? '').replace(/[.、\s]+$/, '');
  return written === '' || written === String(task.number) ? String(task.number) : `${task.number}（${task.label}）`;
}

const orgsOf = (task: ParsedTask, role: 'lead' | 'co'): string[] => task.owners.filter((o) => o.role === role).map((o) => o.org);

function OwnerEditor({
  task,
  fix,
  onSave,
  onCancel,
}: {
  task: ParsedTask;
  fix: OwnerFix | undefined;
  onSave: (fix: OwnerFix) => void;
  onCancel: () => void;
}) {
  const [lead, setLead] = useState((fix?.lead ?? orgsOf(task, 'lead')).join('、'));
  const [co, setCo] = useState((fix?.co ?? orgsOf(task, 'co')).join('、'));
  return (
    <div className="owner-editor" role="group" aria-label={`任务${task.number}的责任单位`}>
      <label>
        牵头
        <input value={lead} onChange={(event) => setLead(event.target.value)} aria-label="牵头单位" />
      </label>
      <label>
        配合
        <input value={co} onChange={(event) => setCo(event.target.value)} aria-label="配合单位" />
      </label>
      <button
        type="button"
        onClick={() => onSave({ taskNumber: task.number, lead: splitOrgs(lead), co: splitOrgs(co) })}
        disabled={splitOrgs(lead).length === 0}
      >
        确定
      </button>
      <button type="button" onClick={onCancel}>
        取消
      </button>
    </div>
  );
}

/** The parsed plan before it is written: where each task came from, every warning with its place, owners editable. */
export function PlanPreview({
  plan,
  source,
  fixes,
  onFix,
}: {
  plan: ParsedPlan;
  source: string;
  fixes: Map<number, OwnerFix>;
  onFix: (fix: OwnerFix) => void;
}) {
  const [editing, setEditing] = useState<number | null>(null);
  const targetCount = plan.tasks.reduce((n, task) => n + task.targets.length, plan.keyWork.targets.length);
  return (
    <div className="dialog-body preview" data-testid="plan-preview">
      <p className="summary">
        <strong>{plan.title}</strong> {plan.docNo} {plan.date} <span className="source">（{source}）</span> — {plan.domains.length} 个领域，
        {plan.tasks.length} 项任务，{targetCount} 个量化指标，{plan.orgs.length} 个责任单位
      </p>
      {plan.conflicts.length > 0 && (
        <section className="conflicts">
          <h3>需要核对的冲突（{plan.conflicts.length}）</h3>
          <ul>
            {plan.conflicts.map((conflict) => (
              <li key={conflict.label}>
                “{conflict.label}”在不同位置数值不同：{conflict.values.join(' / ')}（{conflict.places.join('；')}）
              </li>
            ))}
          </ul>
        </section>
      )}
      {plan.warnings.length > 0 && (
        <section className="warnings" data-testid="plan-warnings">
          <h3>提示（{plan.warnings.length}）</h3>
          <ul>
            {plan.warnings.map((warning, i) => (
              <li key={`${i}-${warning}`}>{warning}</li>
            ))}
          </ul>
        </section>
      )}
      <section>
        {plan.domains.map((domain) => (
          <details key={domain.ordinal} open={domain.ordinal === plan.domains[0]?.ordinal}>
            <summary>
              （{domain.ordinal}）{domain.name}（{plan.tasks.filter((task) => task.domain === domain.ordinal).length} 项）
            </summary>
            <table className="preview-tasks">
              <thead>
                <tr>
                  <th>编号</th>
                  <th>任务与指标</th>
                  <th>来源位置</th>
                  <th>牵头单位</th>
                  <th>配合单位</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {plan.tasks
                  .filter((task) => task.domain === domain.ordinal)
                  .map((task) => {
                    const fix = fixes.get(task.number);
                    const lead = fix?.lead ?? orgsOf(task, 'lead');
                    const co = fix?.co ?? orgsOf(task, 'co');
                    return (
                      <tr key={task.number} data-task={task.number} className={fix ? 'fixed' : lead.length === 0 ? 'missing' : undefined}>
                        <td>{numberAsWritten(task)}</td>
                        <td>
                          {task.title}
                          {task.targets.length > 0 && (
                            <ul className="targets">
                              {task.targets.map((target) => (
                                <li key={target.offset}>{describeTarget(target)}</li>
                              ))}
                            </ul>
                          )}
                        </td>
                        <td className="place">{task.place ?? ''}</td>
                        {editing === task.number ? (
                          <td colSpan={3}>
                            <OwnerEditor
                              task={task}
                              fix={fix}
                              onCancel={() => setEditing(null)}
                              onSave={(next) => {
                                onFix(next);
                                setEditing(null);
                              }}
                            />
                          </td>
                        ) : (
                          <>
                            <td className="owners">{lead.join('、') || '—'}</td>
                            <td className="owners">{co.join('、') || '—'}</td>
                            <td>
                              <button
                                type="button"
                                className="link"
                                onClick={() => setEditing(task.number)}
                                aria-label={`修改任务${task.number}的责任单位`}
                              >
                                修改
                              </button>
                            </td>
                          </>
                        )}
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </details>
        ))}
      </section>
    </div>
  );
}
