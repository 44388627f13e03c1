import { useUiStore } from '../stores/ui-store';

/** The optional reason recorded with each following edit (shown in 变更记录). */
export function ReasonField(): React.JSX.Element {
  const reason = useUiStore((state) => state.editReason);
  return (
    <input
      className="reason"
      value={reason}
      onChange={(e) => useUiStore.getState().setEditReason(e.target.value)}
      placeholder="修改原因（可选，随后续修改记录）"
      aria-label="修改原因"
      maxLength={500}
    />
  );
}
