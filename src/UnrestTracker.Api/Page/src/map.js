import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { feature } from "topojson-client";
import world from "world-atlas/countries-110m.json";
import { get } from "./api.js";
import { claim, day, esc } from "./format.js";

// Country outlines drawn from world-atlas, no tile layer: the map works offline.
// Each type's colour is in page.css (.marker[data-type=…]): the Content-Security-Policy refuses style attributes.
export const TYPES = {
  protests: { label: "Protests", glyph: "P" },
  riots: { label: "Riots", glyph: "R" },
  violence_against_civilians: { label: "Violence against civilians", glyph: "V" },
  battles: { label: "Battles", glyph: "B" },
  explosions_remote_violence: { label: "Explosions / remote violence", glyph: "E" },
  strategic_developments: { label: "Strategic developments", glyph: "S" },
};

let map, layer;

export function renderMap(host, unplacedHost, legendHost, events, figures) {
  if (!map) {
    map = L.map(host, { attributionControl: true, worldCopyJump: false, minZoom: 2, maxZoom: 10 });
    map.attributionControl.setPrefix(false).addAttribution("Outlines: Natural Earth via world-atlas");
    L.geoJSON(feature(world, world.objects.countries), {
      style: { color: "#888", weight: 1, fillColor: "#eee8dc", fillOpacity: 1 },
      interactive: false,
    }).addTo(map);
    legendHost.innerHTML = Object.entries(TYPES)
      .map(([type, t]) => `<li>${markerBadge(type, t)} ${t.label}</li>`).join("");
  }
  layer?.remove();
  layer = L.layerGroup().addTo(map);
  const counts = countsByEvent(figures);
  const placed = events.filter((e) => e.location.latitude != null);
  // The view first: Leaflet adds no marker to a map without one.
  const bounds = placed.length ? L.latLngBounds(placed.map((e) => [e.location.latitude, e.location.longitude])) : null;
  if (bounds) map.fitBounds(bounds.pad(0.4), { maxZoom: 6 });
  else map.setView([30, 20], 2);
  const seen = new Map();
  for (const e of placed) {
    const at = `${e.location.latitude},${e.location.longitude}`;
    const k = seen.get(at) ?? 0; // markers at one spot are fanned out so each stays visible and clickable
    seen.set(at, k + 1);
    const t = TYPES[e.type] ?? { label: e.type, glyph: "?" };
    const icon = L.divIcon({
      className: "event-marker",
      html: markerBadge(e.type, t),
      iconSize: [22, 22], iconAnchor: [11 - k * 18, 11],
    });
    const marker = L.marker([e.location.latitude, e.location.longitude], { icon, keyboard: true, title: `${day(e.date)}: ${e.title}`, alt: t.label })
      .bindPopup(popup(e, t, counts.get(e.id)))
      .on("popupopen", (open) => showOtherReports(open.popup, e.id))
      .addTo(layer);
    Object.assign(marker.getElement().dataset, { type: e.type, place: e.location.place ?? "" });
  }
  const unplaced = events.filter((e) => e.location.latitude == null);
  unplacedHost.innerHTML = unplaced.length
    ? unplaced.map((e) => `<li class="unplaced-event">${popup(e, TYPES[e.type] ?? { label: e.type }, counts.get(e.id))}</li>`).join("")
    : "<li>None.</li>";
  setTimeout(() => map.invalidateSize(), 0);
}

function markerBadge(type, t) {
  return `<span class="marker" data-type="${esc(type)}">${t.glyph}</span>`;
}

function countsByEvent(figures) {
  const counts = new Map();
  for (const f of figures.filter((f) => f.eventId && f.status !== "retracted")) {
    if (!counts.has(f.eventId)) counts.set(f.eventId, []);
    counts.get(f.eventId).push(f);
  }
  return counts;
}

// A linked event's other reports (sameAs: the same event in another record), read when its popup opens.
async function showOtherReports(opened, id) {
  const recordedAsOf = new URLSearchParams(location.search).get("recordedAsOf");
  const event = await get(`/events/${encodeURIComponent(id)}`, { recordedAsOf }).catch(() => null);
  if (!event?.sameAs?.length) return;
  const others = event.sameAs.map((o) => `<li>${esc(o.title)} (${day(o.date)}${o.externalRefs?.length
    ? `; ${esc(o.externalRefs.map((r) => `${r.system} ${r.id}`).join(", "))}` : ""})</li>`).join("");
  opened.setContent(`${opened.getContent()}<div class="same-as"><p>Also reported as:</p><ul>${others}</ul></div>`);
}

function popup(e, t, counts = []) {
  const l = e.location;
  const place = [l.place, l.admin2, l.admin1, l.country].filter(Boolean).join(", ");
  const dates = e.endDate ? `${day(e.date)} – ${day(e.endDate)}` : day(e.date);
  return `<div class="popup"><p class="popup-date">${dates} (${esc(t.label)})</p><p><strong>${esc(e.title)}</strong></p>
    <p>${esc(place)}${l.precision === "country" ? " (country-wide)" : ""}</p>
    ${e.actors.length ? `<p>Actors: ${esc(e.actors.join("; "))}</p>` : ""}
    ${counts.length ? `<p>Counts: ${counts.map((f) => `${esc(f.metric)} ${esc(claim(f))} (${esc(f.source?.name)})`).join("; ")}</p>` : ""}</div>`;
}
