import { type CasualtyTally, OUTCOMES, type PartyFigure, type Tally } from '../api/types';
import { formatFigure, formatNumber, label } from '../format';

/** Low–best–high per party and outcome as bars on one scale, with the per-source figures behind them. */
export function TallyView({ tally, reliability }: { tally: Tally; reliability: Map<string, string> }) {
  const max = Math.max(1, ...OUTCOMES.flatMap((outcome) => tally[outcome].byParty.map((figure) => figure.high)));
  return (
    <div className="tally">
      {OUTCOMES.map((outcome) => (
        <Casualties key={outcome} outcome={outcome} casualties={tally[outcome]} max={max} reliability={reliability} />
      ))}
      <section aria-labelledby="hostages-heading">
        <h3 id="hostages-heading">Hostages</h3>
        {tally.hostages.length === 0 ? (
          <p className="muted">None recorded.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Party</th>
                {['taken', 'released', 'killed', 'held'].map((kind) => (
                  <th key={kind} scope="col" className="number">
                    {kind}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tally.hostages.map((row) => (
                <tr key={row.party}>
                  <th scope="row">{label(row.party)}</th>
                  <td className="number">{formatNumber(row.taken)}</td>
                  <td className="number">{formatNumber(row.released)}</td>
                  <td className="number">{formatNumber(row.killed)}</td>
                  <td className="number">{formatNumber(row.held)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="seizures-heading">
        <h3 id="seizures-heading">Seizures and arrests</h3>
        <dl className="counts">
          <dt>Vehicles seized</dt>
          <dd>{formatNumber(tally.vehiclesSeized)}</dd>
          <dt>Weapons seized</dt>
          <dd>{formatNumber(tally.weaponsSeized)}</dd>
          <dt>Arrests</dt>
          <dd>{formatNumber(tally.arrests)}</dd>
        </dl>
      </section>
    </div>
  );
}

function Casualties({ outcome, casualties, max, reliability }: { outcome: string; casualties: CasualtyTally; max: number; reliability: Map<string, string> }) {
  return (
    <section aria-labelledby={`${outcome}-heading`} className="casualties" data-outcome={outcome}>
      <h3 id={`${outcome}-heading`}>
        {label(outcome)}: <span className="total" data-testid={`${outcome}-best`}>{formatNumber(casualties.total.best)}</span>{' '}
        <span className="muted">
          best (low {formatNumber(casualties.total.low)}, high {formatNumber(casualties.total.high)})
        </span>
      </h3>
      {casualties.byParty.length === 0 ? (
        <p className="muted">None recorded.</p>
      ) : (
        <ul className="bars">
          {casualties.byParty.map((figure) => (
            <PartyBar key={figure.party} figure={figure} max={max} reliability={reliability} />
          ))}
        </ul>
      )}
    </section>
  );
}

const sourceKey = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

function PartyBar({ figure, max, reliability }: { figure: PartyFigure; max: number; reliability: Map<string, string> }) {
  const { best, low, high } = figure;
  return (
    <li className="party" data-party={figure.party}>
      <span className="bar-label">{label(figure.party)}</span>
      <span
        className="bar-track"
        role="img"
        aria-label={`${label(figure.party)}: best ${formatNumber(best)}, low ${formatNumber(low)}, high ${formatNumber(high)}`}
      >
        <span className="bar-spread" style={{ left: `${(low / max) * 100}%`, width: `${Math.max(0.5, ((high - low) / max) * 100)}%` }} />
        <span className="bar-best" style={{ width: `${(best / max) * 100}%` }} />
      </span>
      <span className="bar-value">{formatFigure(figure)}</span>
      <details className="sources">
        <summary>
          {figure.numberOfSources ?? figure.sources.length} source{(figure.numberOfSources ?? figure.sources.length) === 1 ? '' : 's'}
        </summary>
        <ul>
          {figure.sources.map((source) => (
            <li key={source.name}>
              {source.name}: {formatNumber(source.figure)}
              {reliability.get(sourceKey(source.name)) && <span className="muted"> · reliability {reliability.get(sourceKey(source.name))}</span>}
              {figure.bestSource === source.name && <strong> · best</strong>}
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}
