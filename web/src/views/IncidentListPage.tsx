import { useCallback, useState } from 'react';
import { incidentListQuery } from '../api/documents';
import type { Features } from '../api/features';
import { formatFigure, formatNumber, formatWorldTime, label, placeOf } from '../format';
import { incidentPath, onLinkClick } from '../router';
import { Charts } from './Charts';
import { type Filter, Filters, toApiFilter } from './Filters';
import { IncidentMap } from './IncidentMap';
import { LiveBadge } from './LiveBadge';
import { useChangeFeed } from './use-change-feed';
import { PAGE_SIZE, useIncidentPages } from './use-incident-pages';
import { useTitle } from './use-title';

/** docs/dashboard.md: the incident list with its filters, the map of incidents and the cross-incident charts. */
export function IncidentListPage({ features }: { features: Features }) {
  const [filter, setFilter] = useState<Filter>({});
  const apiFilter = toApiFilter(filter, features);
  const selectAdmin1 = useCallback((country: string, admin1: string) => setFilter((shown) => ({ ...shown, country, admin1 })), []);
  const live = useChangeFeed(features);
  useTitle('Incidents');
  const list = useIncidentPages(incidentListQuery(features), apiFilter, live.updates);
  const { items } = list;
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
            {formatNumber(items.length)} incident{items.length === 1 ? '' : 's'}
            {list.more && ' shown, more match'}
            {list.loading && <span className="muted"> (loading…)</span>}
          </h2>
          <table className="incidents">
            <thead>
              <tr>
                <th scope="col">Incident</th>
                <th scope="col" className="when">When</th>
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
                  <td className="when">{formatWorldTime(incident.occurredAt, incident.datePrecision)}</td>
                  <td>{placeOf(incident.location.admin2, incident.location.admin1, incident.location.country)}</td>
                  <td className="number">{formatFigure(incident.tally.killed.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.more && (
            <button type="button" onClick={list.loadMore} disabled={list.loading}>
              Load {formatNumber(PAGE_SIZE)} more
            </button>
          )}
        </section>
        <IncidentMap incidents={items} onSelectAdmin1={selectAdmin1} />
      </div>
      {/* A filter the API refuses fails the charts' reads the same way: the one alert above says so. */}
      {!list.error && <Charts filter={apiFilter} updates={live.updates} />}
    </>
  );
}
