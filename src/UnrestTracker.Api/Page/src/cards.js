import { claim, esc, metricName, num, when } from "./format.js";

// One card per series: the headline, who said it and when, the spread across sources, the datasets' event sums.
export function renderCards(host, rows) {
  host.innerHTML = rows.length ? rows.map(card).join("") : "<p>No figures at this moment.</p>";
}

function card(row) {
  const h = row.headline;
  const spread = row.perSource.length > 1
    ? `<p class="spread">Across ${row.perSource.length} source${row.perSource.length === 1 ? "" : "s"}: ${num(row.range.low)}–${num(row.range.high)}</p>`
    : "";
  const others = row.perSource.filter((f) => h && f.id !== h.id)
    .map((f) => `<li>${esc(f.source?.name)}: ${esc(claim(f))} <span class="when">(${when(f.statedAt)})</span></li>`).join("");
  const sums = (row.eventSums ?? []).map((s) =>
    `<li>${esc(s.source?.name ?? s.sourceName ?? "dataset")}: ${s.low !== s.high ? `${num(s.low)}–${num(s.high)}` : num(s.value)} over ${num(s.events)} event${s.events === 1 ? "" : "s"}</li>`).join("");
  return `<article class="card" data-metric="${esc(row.metric)}" data-subject="${esc(row.subject ?? "")}">
    <h3>${esc(metricName(row))}</h3>
    ${h ? `<p class="headline${claim(h).length > 14 ? " long" : ""}">${esc(claim(h))}</p>
    <p class="by">said by <strong>${esc(h.source?.name)}</strong>, ${when(h.statedAt)}</p>` : `<p class="headline none">no incident-wide figure</p>`}
    ${spread}
    ${others ? `<ul class="others">${others}</ul>` : ""}
    ${sums ? `<div class="sums"><p>Datasets' event sums:</p><ul>${sums}</ul>${combined(row.combined)}</div>` : ""}
  </article>`;
}

// Each event once: linked reports of one event (another dataset's record of it) count once, as a range across sources.
function combined(c) {
  if (!c || !c.clusters || c.low == null) return "";
  const range = c.low !== c.high ? `${num(c.low)}–${num(c.high)}` : num(c.low);
  return `<p class="combined">Each event counted once: ${range} over ${num(c.clusters)} event${c.clusters === 1 ? "" : "s"}`
    + ` (${num(c.events)} reports, ${num(c.sources)} source${c.sources === 1 ? "" : "s"})</p>`;
}
