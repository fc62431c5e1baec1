import { formatNumber, formatRecordedAt } from '../format';

/** "● Live", then how many updates arrived over graphql-ws and when the last did; announced politely. */
export function LiveBadge({ updates, at }: { updates: number; at?: string }) {
  return (
    <span className={`live-badge ${updates ? 'updated' : ''}`} role="status" aria-live="polite" data-testid="live-badge">
      <span aria-hidden="true">●</span> Live{at ? ` · ${formatNumber(updates)} update${updates === 1 ? '' : 's'}, last ${formatRecordedAt(at)}` : ''}
    </span>
  );
}
