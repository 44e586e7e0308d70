import * as Plot from "@observablehq/plot";
import { get } from "./api.js";
import { esc, metricName, num } from "./format.js";

// Beside the toll charts: for each series whose events carry figures (eventSums), the weekly sums per source from
// /stats/figures at the slider's moment; one row of bars per source, never stacked (sources are not added up).
export async function renderWeekly(host, incident, rows, params) {
  const summed = rows.filter((r) => r.scope == null && r.eventSums.length > 0);
  const answers = await Promise.all(summed.map((r) => get("/stats/figures",
    { incident, metric: r.metric, subject: r.subject, unit: r.unit, interval: "week", ...params })));
  host.replaceChildren(...answers.map((answer, i) => chart(summed[i], answer, host.clientWidth)).filter(Boolean));
}

function chart(row, answer, width) {
  if (!answer.buckets.length) return null;
  const bars = answer.buckets.map((b) => ({
    x1: new Date(`${b.start}T00:00:00Z`), x2: new Date(`${b.end}T00:00:00Z`), y: b.value ?? b.high ?? 0,
    source: b.group.source.name, label: `${b.group.source.name}, week of ${b.start}: ${num(b.value)} (${num(b.low)}–${num(b.high)}) over ${num(b.events)} events`,
  }));
  const figure = document.createElement("figure");
  figure.className = "chart weekly";
  figure.dataset.metric = row.metric;
  const title = `${metricName(row)}: weekly sums of event counts`;
  figure.innerHTML = `<figcaption>${esc(title)}</figcaption>`;
  const plot = Plot.plot({
    className: "chart-plot",
    width: Math.max(300, width), height: 80 + 90 * new Set(bars.map((b) => b.source)).size, marginLeft: 60,
    ariaLabel: title,
    x: { type: "utc", label: "week (UTC)" },
    y: { grid: true, label: null, zero: true },
    fy: { label: null },
    marks: [
      Plot.rectY(bars, { x1: "x1", x2: "x2", y: "y", fy: "source", fill: "#4e79a7", inset: 0.5, title: "label", ariaLabel: "label", className: "weekly-bar" }),
      Plot.ruleY([0]),
    ],
  });
  plot.querySelectorAll("style").forEach((style) => style.remove());
  figure.append(plot);
  return figure;
}
