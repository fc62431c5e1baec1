import { useEffect, useMemo, useRef, useState } from 'react';
import { describeChange } from '../api/changes';
import type { Features } from '../api/features';
import type { BestPolicy, Change, Tally } from '../api/types';
import { formatFigure, formatNumber, formatRecordedAt } from '../format';
import { AsOfTallies } from '../as-of-tallies';
import { stepChanges } from '../step-changes';
import type { FigureChange } from '../tally-diff';
import { TallyView } from './TallyView';

const figureOrDash = (figure: number | null) => (figure === null ? '–' : formatNumber(figure));
const sourceMove = ({ name, before, after }: NonNullable<FigureChange['sources']>[number]) =>
  after === null ? `${name}'s figure of ${figureOrDash(before)} withdrawn` : `${name}: ${figureOrDash(before)} → ${formatNumber(after)}`;
const sameFigure = (a: FigureChange['before'], b: FigureChange['after']) => a.best === b.best && a.low === b.low && a.high === b.high;

interface Props {
  id: string;
  features: Features;
  policy: BestPolicy;
  /** Every recorded change, oldest first; the last one is what `current` includes. */
  changes: Change[];
  current: Tally;
  reliability: Map<string, string>;
  /** Actor and incident ids to their names, for the steps that attach or link them. */
  names: ReadonlyMap<string, string>;
}

/**
 * docs/dashboard.md's as-of slider: one step per recorded change; at each, the tally as known then and what
 * that change changed (the as-of tallies before and after it, compared here). The last step is the
 * current (live) tally. The as-of tallies of every step are read when the page opens, newest first
 * (see `AsOfTallies`); the slider is offered once the newest are, so that no step near them waits for
 * the network.
 */
export function AsOfSlider({ id, features, policy, changes, current, reliability, names }: Props) {
  const last = changes.length - 1;
  const [index, setIndex] = useState(last);
  // Until the tally before the newest change is read, the current one is shown without what changed.
  const [shown, setShown] = useState<{ index: number; tally: Tally; before?: Tally; diffed: boolean }>({ index: last, tally: current, diffed: last === 0 });
  const following = useRef(true);
  const tallies = useMemo(() => new AsOfTallies(id, features, policy, changes.map((change) => change.asOf)), [id, features, policy, changes]);
  // Set once the opening steps' tallies are read; after a live update the new steps are read with the slider kept.
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let active = true;
    void tallies.loaded.then(() => active && setReady(true));
    return () => {
      active = false;
    };
  }, [tallies]);

  // While at the newest step, a new change (a live update) moves the slider along with it.
  useEffect(() => {
    if (following.current) setIndex(last);
  }, [last]);

  useEffect(() => {
    let active = true;
    const tallyAt = (step: number) => (step === last ? Promise.resolve(current) : tallies.at(step));
    Promise.all([tallyAt(index), tallyAt(index - 1)]).then(
      ([tally, before]) => active && tally && setShown({ index, tally, before, diffed: true }),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [index, last, current, tallies]);

  if (last < 0) return <TallyView tally={current} reliability={reliability} />;
  const change = changes[shown.index]!;
  const step = stepChanges(changes, shown.index, shown.before, shown.tally);
  return (
    <section aria-labelledby="as-of-heading" className="panel as-of" data-shown-step={shown.index}>
      <h2 id="as-of-heading">{shown.index === last ? 'Tally now' : `Tally as of change ${formatNumber(shown.index + 1)} of ${formatNumber(last + 1)}`}</h2>
      {ready ? (
        <div className="slider">
          <label htmlFor="as-of">History: change {formatNumber(index + 1)} of {formatNumber(last + 1)}</label>
          <input
            id="as-of"
            type="range"
            min={0}
            max={last}
            step={1}
            value={index}
            aria-valuetext={`Change ${formatNumber(index + 1)} of ${formatNumber(last + 1)}: ${describeChange(changes[index]!, names)}`}
            onChange={(event) => {
              const next = Number(event.target.value);
              following.current = next === last;
              setIndex(next);
            }}
          />
        </div>
      ) : (
        <p className="muted">Reading the history…</p>
      )}
      <div className="what-changed" aria-live="polite">
        <p>
          <strong>{describeChange(change, names)}</strong> <span className="muted">recorded {formatRecordedAt(change.recordedAt)}</span>
        </p>
        {step.records
          .filter((record) => record.change !== 'recorded')
          .map((record) => (
            <p key={record.record} className="muted">
              The {record.change} record: {record.record}
            </p>
          ))}
        {!shown.diffed ? (
          <p className="muted">Reading what changed…</p>
        ) : step.figures.length === 0 ? (
          <p className="muted">No figure changed at this step.</p>
        ) : (
          <ul className="diff" aria-label="What changed at this step">
            {step.figures.map((item) => (
              <li key={item.what}>
                {item.what}: {sameFigure(item.before, item.after) ? formatFigure(item.after) : <>{formatFigure(item.before)} → <strong>{formatFigure(item.after)}</strong></>}
                {item.sources && <span className="muted"> ({item.sources.map(sourceMove).join('; ')})</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
      <TallyView tally={shown.tally} reliability={reliability} />
    </section>
  );
}
