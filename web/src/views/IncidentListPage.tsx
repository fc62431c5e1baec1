import { useCallback, useMemo, useState } from 'react';
import { incidentListQuery } from '../api/documents';
import type { Features } from '../api/features';
import type { IncidentSummary } from '../api/types';
import { formatFigure, formatWorldTime, label } from '../format';
import { incidentPath, onLinkClick } from '../router';
import { Charts } from './Charts';
import { type Filter, Filters, toApiFilter } from './Filters';
import { IncidentMap } from './IncidentMap';
import { LiveBadge } from './LiveBadge';
import { useChangeFeed, useLiveQuery } from './use-change-feed';

/** SPEC §6.4: the incident list with its filters, the map of incidents and the cross-incident charts. */
export function IncidentListPage({ features }: { features: Features }) {
  const [filter, setFilter] = useState<Filter>({});
  const apiFilter = toApiFilter(filter, features);
  const selectAdmin1 = useCallback((country: string, admin1: string) => setFilter((shown) => ({ ...shown, country, admin1 })), []);
  const live = useChangeFeed(features);
  const list = useLiveQuery<{ incidents: { items: IncidentSummary[]; nextCursor: string | null } }>(incidentListQuery(features), { filter: apiFilter, first: 500 }, live.updates);
  // Without IncidentFilter.category on the server, the category filter narrows the page shown.
  const items = useMemo(
    () => (list.data?.incidents.items ?? []).filter((incident) => features.categoryFilter || !filter.category || incident.category === filter.category),
    [list.data, filter.category, features.categoryFilter],
  );
  return (
    <>
      <header className="incident-head">
        <h1>Incidents</h1>
        {features.changeFeed && <LiveBadge updates={live.updates} at={live.at} />}
      </header>
      <Filters key={JSON.stringify(filter)} features={features} value={filter} onChange={setFilter} />
      {list.error && <p role="alert" className="error">{list.error}</p>}
      <div className="list-and-map">
        <section aria-labelledby="list-heading" className="panel">
          <h2 id="list-heading">
            {items.length} incident{items.length === 1 ? '' : 's'}
            {list.loading && <span className="muted"> (loading…)</span>}
          </h2>
          <table className="incidents">
            <thead>
              <tr>
                <th scope="col">Incident</th>
                <th scope="col">When</th>
                <th scope="col">Where</th>
                <th scope="col" className="number">Killed</th>
              </tr>
            </thead>
            <tbody>
              {items.map((incident) => (
                <tr key={incident.id}>
                  <td>
                    <a href={incidentPath(incident.id)} onClick={onLinkClick}>
                      {incident.title}
                    </a>
                    <div className="muted">{label(incident.category)}{incident.status === 'CLOSED' ? ' · closed' : ''}</div>
                  </td>
                  <td>{formatWorldTime(incident.occurredAt, incident.datePrecision)}</td>
                  <td>{[incident.location.admin2, incident.location.admin1, incident.location.country].filter(Boolean).join(', ')}</td>
                  <td className="number">{formatFigure(incident.tally.killed.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <IncidentMap incidents={items} onSelectAdmin1={selectAdmin1} />
      </div>
      <Charts filter={apiFilter} updates={live.updates} />
    </>
  );
}
