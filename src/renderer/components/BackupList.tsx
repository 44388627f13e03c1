import type { BackupEntryRow } from '../../shared/contract';

const size = (bytes: number): string => (bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

/** The verified backups, newest first; the one picked is restored on request. */
export function BackupList({
  backups,
  selected,
  onSelect,
}: {
  backups: BackupEntryRow[];
  selected: string | null;
  onSelect(file: string): void;
}): React.JSX.Element {
  if (backups.length === 0) return <p>还没有备份。</p>;
  return (
    <div className="pick-table">
      <table data-testid="backup-list">
        <thead>
          <tr>
            <th />
            <th>时间</th>
            <th>原因</th>
            <th className="num">大小</th>
            <th>校验</th>
          </tr>
        </thead>
        <tbody>
          {backups.map((b) => (
            <tr key={b.file}>
              <td>
                <input
                  type="radio"
                  name="backup"
                  disabled={!b.verified}
                  checked={selected === b.file}
                  onChange={() => onSelect(b.file)}
                  aria-label={`选择备份 ${b.file}`}
                />
              </td>
              <td>{new Date(b.at).toLocaleString('zh-CN', { hour12: false })}</td>
              <td>{b.reasonLabel}</td>
              <td className="num">{size(b.size)}</td>
              <td>{b.verified ? '✔ 完整' : `✘ ${b.problem}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
