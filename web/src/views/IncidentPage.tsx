import { useEffect, useState } from 'react';
import { graphql, NotFoundError } from '../api/client';
import { type Change } from '../api/types';
import { loadChanges } from '../api/changes';
import { incidentQuery, tallyUpdatedSubscription } from '../api/documents';
import type { Features } from '../api/features';
import { subscribe } from '../api/live';
import { SOURCE_RELIABILITY_QUERY } from '../api/optional-fields';
import { BEST_POLICIES, type BestPolicy, type IncidentDetail, type Tally } from '../api/types';
import { formatWorldTime, label, placeOf } from '../format';
import { BASE, incidentPath, onLinkClick } from '../router';
import { AsOfSlider } from './AsOfSlider';
import { LiveBadge } from './LiveBadge';
import { Timeline } from './Timeline';
import { NotFound } from './Notices';
import { useTitle } from './use-title';

/** An incident id as the API takes it: any other is no incident's page. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Reliability = Map<string, string>;

/** Source name (and alias), compared as the registry compares them, to its reliability A–F (docs/sources.md). */
async function loadReliability(): Promise<Reliability> {
  const key = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  const { sources } = await graphql<{ sources: { name: string; aliases?: string[]; reliability?: string | null }[] }>(SOURCE_RELIABILITY_QUERY);
  return new Map(sources.flatMap((source) => [source.name, ...(source.aliases ?? [])].map((name) => [key(name), source.reliability ?? '']) as [string, string][]));
}

/** docs/dashboard.md: one incident with its tally (live), best-policy switch, as-of slider and timeline. */
export function IncidentPage({ id, features }: { id: string; features: Features }) {
  const [policy, setPolicy] = useState<BestPolicy>('LATEST');
  const [incident, setIncident] = useState<IncidentDetail>();
  const [changes, setChanges] = useState<Change[]>([]);
  const [error, setError] = useState<Error>();
  const [live, setLive] = useState<{ updates: number; at?: string }>({ updates: 0 });
  const [reliability, setReliability] = useState<Reliability>(new Map());
  // Bumped by each live update: the timeline and the slider's steps are read again.
  const [version, setVersion] = useState(0);
  const isId = UUID.test(id);

  useEffect(() => {
    if (!isId) return;
    let current = true;
    graphql<{ incident: IncidentDetail }>(incidentQuery(features, policy), { id })
      .then(async ({ incident }) => {
        const steps = await loadChanges(id, incident.timeline.items);
        if (!current) return;
        setIncident(incident);
        setChanges(steps);
      })
      .catch((failure: Error) => current && setError(failure));
    return () => {
      current = false;
    };
  }, [id, isId, features, policy, version]);

  useEffect(() => {
    if (features.sourceRegistry) loadReliability().then(setReliability, () => setReliability(new Map()));
  }, [features.sourceRegistry]);

  useEffect(
    () =>
      subscribe<{ tallyUpdated: Tally }>(
        tallyUpdatedSubscription(features),
        { incidentId: id },
        ({ tallyUpdated }) => {
          // The push is folded with the default policy; another policy's figures are read again.
          if (policy === 'LATEST') setIncident((shown) => shown && { ...shown, tally: tallyUpdated });
          setLive((previous) => ({ updates: previous.updates + 1, at: new Date().toISOString() }));
          setVersion((previous) => previous + 1);
        },
      ),
    [id, features, policy],
  );

  const notFound = !isId || error instanceof NotFoundError;
  // The page's title is set after its children's: it names the not-found view too.
  useTitle(notFound ? 'Not found' : incident?.title);

  if (notFound) return <NotFound detail="There is no incident with this id." />;
  if (error) return <p role="alert" className="error">{error.message}</p>;
  if (!incident) return <p aria-live="polite">Loading incident…</p>;
  const { location } = incident;
  const names = new Map([...(incident.actors ?? []).map(({ actor }) => [actor.id, actor.name] as const), ...(incident.links ?? []).map((link) => [link.incident.id, link.incident.title] as const)]);
  return (
    <article className="incident">
      <p>
        <a href={`${BASE}/`} onClick={onLinkClick}>
          ← All incidents
        </a>
      </p>
      <header className="incident-head">
        <h1>{incident.title}</h1>
        <LiveBadge updates={live.updates} at={live.at} />
      </header>
      <p className="meta">
        {formatWorldTime(incident.occurredAt, incident.datePrecision)} · {placeOf(location.place, location.admin2, location.admin1, location.country)}
        {location.geoPrecision ? ` (${label(location.geoPrecision)})` : ''} · {label(incident.category)} · {label(incident.status)}
      </p>
      {incident.description && <p>{incident.description}</p>}
      {features.bestPolicy && (
        <div className="policy">
          <label htmlFor="best-policy">Best figure</label>
          <select id="best-policy" value={policy} onChange={(event) => setPolicy(event.target.value as BestPolicy)}>
            {BEST_POLICIES.map((value) => (
              <option key={value} value={value}>
                {label(value)}
              </option>
            ))}
          </select>
        </div>
      )}
      <AsOfSlider key={policy} id={id} features={features} policy={policy} changes={changes} current={incident.tally} reliability={reliability} names={names} />
      {incident.actors && incident.actors.length > 0 && (
        <section aria-labelledby="actors-heading" className="panel">
          <h2 id="actors-heading">Actors</h2>
          <ul>
            {incident.actors.map(({ actor, role }) => (
              <li key={`${actor.id}-${role}`}>
                {actor.name} <span className="muted">({label(actor.actorType)}, {label(role)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {incident.links && incident.links.length > 0 && (
        <section aria-labelledby="links-heading" className="panel">
          <h2 id="links-heading">Linked incidents</h2>
          <ul>
            {incident.links.map((link) => (
              <li key={link.incident.id}>
                <a href={incidentPath(link.incident.id)} onClick={onLinkClick}>
                  {link.incident.title}
                </a>{' '}
                <span className="muted">({label(link.relation)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Timeline entries={incident.timeline.items} />
    </article>
  );
}
