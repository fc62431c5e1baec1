import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-50m.json';
import type { IncidentSummary } from '../api/types';
import { formatFigure } from '../format';
import { incidentPath } from '../router';

/**
 * Marker radius in pixels by `geoPrecision` (SPEC §6.1): the coarser the place, the larger and
 * fainter the circle. Without the field, coordinates mean `point`.
 */
const RADIUS: Record<string, number> = { point: 6, near: 9, admin2: 13, admin1: 18, country: 26 };

const borders = () => {
  const topology = countries as unknown as Topology<{ countries: GeometryCollection }>;
  return feature(topology, topology.objects.countries);
};

/** Incidents with coordinates on country borders from Natural Earth (world-atlas); no tile server. */
export function IncidentMap({ incidents }: { incidents: IncidentSummary[] }) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<{ map: L.Map; points: L.LayerGroup }>(undefined);

  useEffect(() => {
    const leaflet = L.map(element.current!, { renderer: L.svg(), worldCopyJump: true, attributionControl: false, keyboard: true }).setView([23, -102], 4);
    L.geoJSON(borders(), { style: { color: '#7a8699', weight: 0.7, fillColor: '#eef1f5', fillOpacity: 1 }, interactive: false }).addTo(leaflet);
    map.current = { map: leaflet, points: L.layerGroup().addTo(leaflet) };
    return () => {
      leaflet.remove();
      map.current = undefined;
    };
  }, []);

  useEffect(() => {
    const { map: leaflet, points } = map.current!;
    points.clearLayers();
    const located = incidents.filter((incident) => incident.location.lat != null && incident.location.lon != null);
    for (const incident of located) {
      const precision = incident.location.geoPrecision ?? 'point';
      const link = document.createElement('a');
      link.href = incidentPath(incident.id);
      link.textContent = `${incident.title}: ${formatFigure(incident.tally.killed.total)} killed`;
      L.circleMarker([incident.location.lat!, incident.location.lon!], {
        radius: RADIUS[precision] ?? RADIUS.point,
        color: '#b3261e',
        weight: 1.5,
        fillOpacity: precision === 'point' ? 0.7 : 0.25,
      })
        .bindPopup(link)
        .bindTooltip(incident.title)
        .addTo(points);
    }
    // Not animated: a page left during the zoom animation would have Leaflet move panes it already removed.
    if (located.length) leaflet.fitBounds(L.latLngBounds(located.map((incident) => [incident.location.lat!, incident.location.lon!])).pad(0.5), { maxZoom: 6, animate: false });
  }, [incidents]);

  const unlocated = incidents.filter((incident) => incident.location.lat == null || incident.location.lon == null).length;
  return (
    <section aria-labelledby="map-heading" className="panel map-panel">
      <h2 id="map-heading">Map</h2>
      <div ref={element} className="map" role="region" aria-label="Map of incidents with coordinates" />
      <p className="muted">
        Circle size shows geo precision (point, near, municipality, state, country).
        {unlocated > 0 && ` ${unlocated} incident${unlocated === 1 ? ' has' : 's have'} no coordinates and ${unlocated === 1 ? 'is' : 'are'} not on the map.`}
      </p>
    </section>
  );
}
