import * as Plot from "@observablehq/plot";
import { claim, esc, metricName, num, seriesKey, when } from "./format.js";

// One chart per incident-wide series: a line per source, each point a figure.
const palette = ["#4e79a7", "#f28e2c", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#edc949", "#9c755f", "#ff9da7", "#bab0ab"];
const compact = new Intl.NumberFormat("en-GB", { notation: "compact", maximumFractionDigits: 1 });
const hhmm = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const dayMonth = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" });
const yTick = (v) => (v < 1e6 ? num(v) : compact.format(v));
const tick = (d) => (d.getUTCHours() || d.getUTCMinutes() ? hhmm.format(d) : dayMonth.format(d));

// One chart per incident-wide series: a line per source, each point a figure; span is [from, to] of the slider.
export function renderCharts(host, figures, retractions, sourceNames, span) {
  const reasons = new Map();
  for (const r of retractions) {
    const by = sourceNames.get(r.bySourceId) ?? (r.bySourceId ? "another source" : "the source");
    for (const f of r.figures) reasons.set(f.id, { reason: r.reason, by, at: r.retractedAt });
  }
  const series = new Map();
  for (const f of figures.filter((f) => f.eventId == null)) {
    if (!series.has(seriesKey(f))) series.set(seriesKey(f), []);
    series.get(seriesKey(f)).push(f);
  }
  // A source keeps its colour across every chart.
  const names = [...new Set(figures.map((f) => f.source?.name ?? "?"))].sort();
  const colors = new Map(names.map((n, i) => [n, palette[i % palette.length]]));
  host.replaceChildren();
  if (!series.size) host.innerHTML = "<p>No figures at this moment.</p>";
  for (const list of series.values()) host.append(chart(list, reasons, host.clientWidth, colors, span));
}

function point(f, reasons) {
  const r = reasons.get(f.id);
  const y = f.value ?? (f.low != null && f.high != null ? (f.low + f.high) / 2 : f.low ?? f.high);
  const label = `${f.source?.name}: ${claim(f)}, as of ${when(f.asOf)} (${f.status})` +
    (r ? `. Retracted ${when(r.at)} by ${r.by}: “${r.reason}”` : "");
  return { ...f, x: new Date(f.asOf), y, sourceName: f.source?.name ?? "?", retraction: r, label };
}

function chart(list, reasons, width, colors, span) {
  const points = list.map((f) => point(f, reasons)).sort((a, b) => a.x - b.x || a.statedAt.localeCompare(b.statedAt));
  const standing = points.filter((p) => p.status !== "retracted");
  const current = standing.filter((p) => p.status === "current");
  const superseded = standing.filter((p) => p.status !== "current");
  const inChart = [...new Set(points.map((p) => p.sourceName))];
  const retracted = points.filter((p) => p.status === "retracted");
  const ranges = points.filter((p) => p.qualifier === "range");
  const top = Math.max(...points.map((p) => p.high ?? p.y ?? 0));
  const few = list[0].unit === "people" && top < 8; // a handful of people: whole numbers only on the axis
  const figure = document.createElement("figure");
  figure.className = "chart";
  figure.dataset.metric = list[0].metric;
  const title = metricName(list[0]);
  figure.innerHTML = `<figcaption>${esc(title)}${list[0].unit === "people" ? "" : ` (${esc(list[0].unit)})`}</figcaption>`;
  const plot = Plot.plot({
    className: "chart-plot",
    width: Math.max(300, width), height: 260, marginLeft: 60, marginRight: 30,
    ariaLabel: `${title}: figures over time`,
    x: { type: "utc", label: "as of (UTC)", domain: span, tickFormat: tick, ticks: Math.max(3, Math.floor(width / 75)) },
    y: { grid: true, label: null, zero: true, tickFormat: yTick, ticks: few ? Array.from({ length: Math.ceil(top) + 1 }, (_, i) => i) : undefined },
    color: { legend: true, domain: inChart, range: inChart.map((n) => colors.get(n)) },
    marks: [
      Plot.line(standing, { x: "x", y: "y", stroke: "#555", strokeWidth: 7, strokeOpacity: 0.25, curve: "step-after" }),
      Plot.ruleX(ranges, { x: "x", y1: "low", y2: "high", stroke: "sourceName", strokeWidth: 10, strokeOpacity: 0.25 }),
      Plot.areaY(ranges, { x: "x", y1: "low", y2: "high", fill: "sourceName", fillOpacity: 0.15, z: "sourceName" }),
      Plot.line(standing, { x: "x", y: "y", stroke: "sourceName", z: "sourceName", strokeWidth: 1.5 }),
      Plot.dot(current, {
        x: "x", y: "y", r: 5, stroke: "sourceName", strokeWidth: 2, fill: "sourceName",
        title: "label", ariaLabel: "label", className: "figure-point", tip: true,
      }),
      Plot.dot(superseded, {
        x: "x", y: "y", r: 5, stroke: "sourceName", strokeWidth: 2, fill: "white",
        title: "label", ariaLabel: "label", className: "figure-point superseded-point", tip: true,
      }),
      Plot.dot(retracted, {
        x: "x", y: "y", r: 8, symbol: "times", stroke: "#c00", strokeWidth: 3,
        title: "label", ariaLabel: "label", className: "retracted-point", tip: true,
      }),
      // A retracted claim is labelled below its cross, so that it does not sit on the figure that replaced it.
      Plot.text(standing, { x: "x", y: "y", text: (p) => claim(p), dy: -12, fontSize: 11, lineAnchor: "bottom" }),
      Plot.text(retracted, { x: "x", y: "y", text: (p) => claim(p), dy: 14, fontSize: 11, lineAnchor: "top", fill: "#a00" }),
    ],
  });
  // Plot writes its base rules as <style> elements, which the page's Content-Security-Policy refuses: page.css has them.
  plot.querySelectorAll("style").forEach((style) => style.remove());
  figure.append(plot, table(points));
  return figure;
}

function table(points) {
  const details = document.createElement("details");
  details.innerHTML = `<summary>The figures as a table</summary><table><thead><tr><th scope="col">As of</th><th scope="col">Source</th>
    <th scope="col">Claim</th><th scope="col">Status</th></tr></thead><tbody>${points.map((p) => `<tr class="${p.status}">
    <td>${when(p.asOf)}</td><td>${esc(p.sourceName)}</td><td>${esc(claim(p))}</td><td>${esc(p.status)}${p.retraction
      ? `: <span class="reason">“${esc(p.retraction.reason)}”</span>, by ${esc(p.retraction.by)}, ${when(p.retraction.at)}` : ""}</td></tr>`).join("")}</tbody></table>`;
  return details;
}
