import type { TimelineEntry } from '../api/types';
import { formatRecordedAt, formatWorldTime } from '../format';

/** docs/domain.md's timeline: by world time, corrected and retracted entries marked. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <section aria-labelledby="timeline-heading" className="panel">
      <h2 id="timeline-heading">Timeline</h2>
      <ol className="timeline">
        {entries.map((entry) => (
          <li key={entry.recordId} className={entry.retracted ? 'retracted' : undefined}>
            <time dateTime={entry.occurredAt}>{formatWorldTime(entry.occurredAt, entry.datePrecision)}</time>
            <span className="summary">
              {entry.summary}
              {entry.corrected && <span className="tag">corrected</span>}
              {entry.retracted && <span className="tag">retracted</span>}
            </span>
            <span className="muted source">
              recorded {formatRecordedAt(entry.recordedAt)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
