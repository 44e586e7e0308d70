import "./page.css";
import { all, get, getPinned } from "./api.js";
import { renderCards } from "./cards.js";
import { renderCharts } from "./chart.js";
import { follow } from "./follow.js";
import { when } from "./format.js";
import { renderMap } from "./map.js";
import { renderWeekly } from "./weekly.js";
import { wireSearch } from "./search.js";

// The view lives in the URL with the API's own parameter names: ?incident=slug&asOf=…&recordedAsOf=…
const $ = (id) => document.getElementById(id);
const fromUrl = () => Object.fromEntries(["incident", "asOf", "recordedAsOf"].map((k) => [k, new URLSearchParams(location.search).get(k)]));
const view = fromUrl();
const minute = 60000;
let span = null, sources = new Map(), loading = 0, drawn = null;
// Every request of a view asks for the newest write its first answer saw, so the view is one moment of the database,
// and "Cite this view" cites that moment (cited: the snapshot link of its series).
let pin = null, cited = null;

const drawCharts = () =>
  renderCharts($("charts"), drawn.figures, drawn.retractions, sources, [new Date(span.min * minute), new Date(span.max * minute)]);

// Colons stay readable in a cited link: ?asOf=2022-01-10T23:59:59Z
const search = (params) => Object.entries(params).filter(([, v]) => v)
  .map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%3A/g, ":")}`).join("&");

function writeUrl() {
  const q = search(view);
  history.replaceState(null, "", `${location.pathname}${q ? `?${q}` : ""}`);
}

const clocks = () => ({ asOf: view.asOf, recordedAsOf: pin });
const say = (text) => ($("status").textContent = text);

async function loadIncident() {
  const first = view.incident ? await getPinned(`/incidents/${encodeURIComponent(view.incident)}`, { recordedAsOf: view.recordedAsOf })
    : await getPinned("/incidents", { recordedAsOf: view.recordedAsOf, limit: 1 });
  pin = first.recordedAsOf ?? view.recordedAsOf;
  const recorded = { recordedAsOf: pin };
  const incident = view.incident ? first.body : first.body.items[0];
  if (!incident) return say("No incidents recorded yet.");
  view.incident = incident.slug;
  follow(incident, view.recordedAsOf, () => loadIncident().catch(failed));
  $("incident-title").textContent = incident.title;
  $("incident-summary").textContent = incident.summary;
  const timeline = await all(`/incidents/${incident.slug}/timeline`, recorded);
  const times = [Date.parse(`${incident.startDate}T00:00:00Z`), ...timeline.map((t) => Date.parse(t.at))];
  if (incident.endDate) times.push(Date.parse(`${incident.endDate}T23:59:00Z`));
  span = { min: Math.floor(Math.min(...times) / minute), max: Math.ceil(Math.max(...times) / minute) + 60 };
  sources = new Map((await all("/sources", recorded)).map((s) => [s.id, s.name]));
  const slider = $("asof");
  slider.min = span.min;
  slider.max = span.max;
  syncSlider();
  await redraw();
}

function syncSlider() {
  const slider = $("asof");
  slider.value = view.asOf ? Math.min(span.max, Math.floor(Date.parse(view.asOf) / minute)) : span.max;
  $("asof-label").textContent = view.asOf ? when(view.asOf) : "latest";
  slider.setAttribute("aria-valuetext", view.asOf ? `as of ${when(view.asOf)}` : "latest");
  $("recorded").value = view.recordedAsOf ? view.recordedAsOf.slice(0, 19) : "";
}

async function redraw() {
  const ticket = ++loading;
  say("Loading…");
  document.body.setAttribute("aria-busy", "true");
  const incident = view.incident, params = clocks();
  const [series, figures, retractions, events] = await Promise.all([
    getPinned(`/incidents/${incident}/figures`, params),
    all("/figures", { incident, ...params }),
    all("/retractions", { incident, ...params }),
    all("/events", { incident, ...params }),
  ]);
  if (ticket !== loading) return; // a later move of the slider has overtaken this one
  cited = series.snapshot;
  renderCards($("cards"), series.body.items);
  renderWeekly($("weekly"), incident, series.body.items, params).catch(failed);
  drawn = { figures, retractions, width: $("charts").clientWidth };
  drawCharts();
  renderMap($("map"), $("unplaced"), $("legend"), events, figures);
  say(`Showing ${view.asOf ? `what the sources had said by ${when(view.asOf)}` : "the latest figures"}` +
    (view.recordedAsOf ? `, as this database stood at ${when(view.recordedAsOf)}.` : "."));
  document.body.setAttribute("aria-busy", "false");
}

const failed = (error) => { say(`Could not load: ${error.message}`); document.body.setAttribute("aria-busy", "false"); };

function onSlide(commit) {
  const v = Number($("asof").value);
  // The end of the chosen minute, so that 23:59 includes everything said at 23:59.
  view.asOf = v >= span.max ? null : new Date(v * minute + 59000).toISOString().replace(".000Z", "Z");
  syncSlider();
  writeUrl();
  if (commit) redraw().catch(failed);
}

// A minute per arrow key would take a keyboard user days to cross a week.
const keySteps = { ArrowLeft: -60, ArrowDown: -60, ArrowRight: 60, ArrowUp: 60, PageDown: -1440, PageUp: 1440 };
$("asof").addEventListener("keydown", (e) => {
  if (!(e.key in keySteps)) return;
  e.preventDefault();
  const slider = e.target;
  slider.value = Math.max(span.min, Math.min(span.max, Number(slider.value) + keySteps[e.key]));
  slider.dispatchEvent(new Event("input"));
});
let timer;
$("asof").addEventListener("input", () => { clearTimeout(timer); onSlide(false); timer = setTimeout(() => onSlide(true), 150); });
$("latest").addEventListener("click", () => { view.asOf = null; syncSlider(); writeUrl(); redraw().catch(failed); });
$("recorded").addEventListener("change", (e) => {
  view.recordedAsOf = e.target.value ? `${e.target.value.length === 16 ? `${e.target.value}:00` : e.target.value}Z` : null;
  writeUrl();
  loadIncident().catch(failed);
});
$("recorded-clear").addEventListener("click", () => { view.recordedAsOf = null; writeUrl(); loadIncident().catch(failed); });
$("cite").addEventListener("click", async () => {
  const q = search({ ...view, recordedAsOf: view.recordedAsOf ?? pin });
  const link = $("cite-link");
  link.value = `${location.origin}${location.pathname}?${q}`;
  link.hidden = false;
  link.select();
  try { await navigator.clipboard.writeText(link.value); say("Link copied: it pins this view to what the database holds now."); }
  catch { say("Copy the selected link: it pins this view to what the database holds now."); }
  if (cited) {
    const citation = await get("/cite", { url: cited }).catch(() => null);
    $("cite-text").textContent = citation ? citation.text : "";
    $("cite-text").hidden = !citation;
  }
});

wireSearch($("search"), $("q"), $("results"), () => pin, (slug) => {
  Object.assign(view, { incident: slug, asOf: null });
  history.pushState(null, "", location.pathname);
  writeUrl();
  loadIncident().catch(failed);
});
addEventListener("popstate", () => { Object.assign(view, fromUrl()); loadIncident().catch(failed); });
let resizeTimer;
addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    if (drawn && drawn.width !== $("charts").clientWidth) { drawn.width = $("charts").clientWidth; drawCharts(); }
  }, 250);
});

loadIncident().then(writeUrl).catch(failed);
