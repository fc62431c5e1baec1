import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-50m.json';
import { admin1Boundaries } from '../api/admin1';
import type { IncidentSummary } from '../api/types';
import { formatFigure, isolated } from '../format';
import { incidentPath } from '../router';

/**
 * Marker radius in pixels by `geoPrecision` (docs/time-and-place.md): the coarser the place, the larger and
 * fainter the circle. Without the field, coordinates mean `point`.
 */
const RADIUS: Record<string, number> = { point: 6, near: 9, admin2: 13, admin1: 18, country: 26 };

const borders = () => {
  const topology = countries as unknown as Topology<{ countries: GeometryCollection }>;
  return feature(topology, topology.objects.countries);
};

const ADMIN1_STYLE: L.PathOptions = { className: 'admin1', color: '#7a8699', weight: 0.8, dashArray: '4 3', fill: true, fillColor: '#b3261e', fillOpacity: 0 };

/**
 * Shows the located incidents and the states with incidents. Not animated: a page left during the
 * zoom animation would have Leaflet move panes it already removed.
 */
function fit({ map: leaflet, admin1, points }: { map: L.Map; admin1: L.LayerGroup; points: L.LayerGroup }): void {
  const bounds = L.latLngBounds([]);
  points.eachLayer((point) => void bounds.extend(L.latLngBounds([(point as L.CircleMarker).getLatLng()]).pad(0.5)));
  admin1.eachLayer((country) => (country as L.GeoJSON).eachLayer((state) => void ((state as L.Path).options.fillOpacity && bounds.extend((state as L.Polygon).getBounds()))));
  if (bounds.isValid()) leaflet.fitBounds(bounds, { maxZoom: 6, animate: false });
}

const REGIONS_PANE = 'regions';

/** Leaflet takes a string tooltip or popup as HTML: what users wrote goes in as an element's text. */
const asText = (text: string): HTMLElement => Object.assign(document.createElement('span'), { textContent: text });

/**
 * Incidents with coordinates on Natural Earth country borders (world-atlas) and, for the countries
 * listed, admin-1 borders (states, provinces): a state with listed incidents is shaded, and clicking
 * a state filters the list by it (`onSelectAdmin1`). No tile server.
 */
export function IncidentMap({ incidents, onSelectAdmin1 }: { incidents: IncidentSummary[]; onSelectAdmin1: (country: string, admin1: string) => void }) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<{ map: L.Map; admin1: L.LayerGroup; points: L.LayerGroup }>(undefined);
  const select = useRef(onSelectAdmin1);
  useEffect(() => {
    select.current = onSelectAdmin1;
  }, [onSelectAdmin1]);

  useEffect(() => {
    const leaflet = L.map(element.current!, { renderer: L.svg(), worldCopyJump: true, attributionControl: false, keyboard: true }).setView([23, -102], 4);
    // Countries and states go in a pane under the incidents' (overlayPane, z-index 400), whenever each is drawn: a state never covers a circle.
    leaflet.createPane(REGIONS_PANE).style.zIndex = '350';
    L.geoJSON(borders(), { pane: REGIONS_PANE, style: { color: '#7a8699', weight: 0.7, fillColor: '#eef1f5', fillOpacity: 1 }, interactive: false }).addTo(leaflet);
    map.current = { map: leaflet, admin1: L.layerGroup().addTo(leaflet), points: L.layerGroup().addTo(leaflet) };
    return () => {
      leaflet.remove();
      map.current = undefined;
    };
  }, []);

  const countries = [...new Set(incidents.map((incident) => incident.location.country.toUpperCase()))].sort().join(',');
  const shaded = [...new Set(incidents.map((incident) => `${incident.location.country.toUpperCase()}/${incident.location.admin1.toLowerCase()}`))].sort().join('|');
  useEffect(() => {
    let current = true;
    const { admin1 } = map.current!;
    const withIncidents = new Set(shaded.split('|'));
    Promise.all(countries.split(',').filter(Boolean).map(async (country) => [country, await admin1Boundaries(country)] as const)).then(
      (layers) => {
        if (!current) return;
        admin1.clearLayers();
        for (const [country, boundaries] of layers) {
          if (!boundaries) continue;
          L.geoJSON(boundaries, {
            pane: REGIONS_PANE,
            style: (state) => ({ ...ADMIN1_STYLE, fillOpacity: withIncidents.has(`${country}/${state?.properties.name?.toLowerCase()}`) ? 0.12 : 0 }),
            onEachFeature: (state, layer) => {
              const name = state.properties.name;
              if (!name) return;
              layer.bindTooltip(asText(name), { sticky: true, className: 'admin1-tooltip' });
              layer.on('click', () => select.current(country, name));
              layer.on('add', () => (layer as L.Path).getElement()?.setAttribute('data-admin1', name));
            },
          }).addTo(admin1);
        }
        fit(map.current!);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [countries, shaded]);

  useEffect(() => {
    const { points } = map.current!;
    points.clearLayers();
    const located = incidents.filter((incident) => incident.location.lat != null && incident.location.lon != null);
    for (const incident of located) {
      const precision = incident.location.geoPrecision ?? 'point';
      const link = document.createElement('a');
      link.href = incidentPath(incident.id);
      link.textContent = `${isolated(incident.title)}: ${formatFigure(incident.tally.killed.total)} killed`;
      L.circleMarker([incident.location.lat!, incident.location.lon!], {
        radius: RADIUS[precision] ?? RADIUS.point,
        color: '#b3261e',
        weight: 1.5,
        fillOpacity: precision === 'point' ? 0.7 : 0.25,
      })
        .bindPopup(link)
        .bindTooltip(asText(incident.title))
        .addTo(points);
    }
    fit(map.current!);
  }, [incidents]);

  const unlocated = incidents.filter((incident) => incident.location.lat == null || incident.location.lon == null).length;
  return (
    <section aria-labelledby="map-heading" className="panel map-panel">
      <h2 id="map-heading">Map</h2>
      <div ref={element} className="map" role="region" aria-label="Map of incidents with coordinates" />
      <p className="muted">
        Circle size shows geo precision (point, near, municipality, state, country). Dashed lines are state borders; a shaded state has listed
        incidents; click a state to list its incidents.
        {unlocated > 0 && ` ${unlocated} incident${unlocated === 1 ? ' has' : 's have'} no coordinates and ${unlocated === 1 ? 'is' : 'are'} not on the map.`}
      </p>
    </section>
  );
}
