import { VIEWS, type ViewId } from '../stores/ui-store';

/** Views whose issues are still open say so plainly instead of showing an empty grid. */
export function PlaceholderView({ view }: { view: ViewId }): React.JSX.Element {
  const label = VIEWS.find((item) => item.id === view)?.label ?? view;
  return (
    <div className="view placeholder" data-testid={`${view}-view`}>
      <h2>{label}</h2>
      <p>此视图尚在建设中，后续版本提供。</p>
    </div>
  );
}
