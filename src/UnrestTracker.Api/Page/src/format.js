// Numbers with thousands separators, dates said in UTC, claims with their qualifier.
const number = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const dateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
});
const dateOnly = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });

export const num = (n) => (n == null ? "–" : number.format(n));
export const when = (iso) => `${dateTime.format(new Date(iso))} UTC`;
export const day = (iso) => dateOnly.format(new Date(`${iso}T00:00:00Z`));

const unitOf = (unit) => (unit === "people" ? "" : /^[A-Z]{3}$/.test(unit) ? `${unit} ` : "");
const suffixOf = (unit) => (unit === "people" || /^[A-Z]{3}$/.test(unit) ? "" : ` ${unit}`);

/** "more than 164", "about 7,939", "USD 2,000,000,000–3,000,000,000" */
export function claim(f) {
  const u = unitOf(f.unit), s = suffixOf(f.unit);
  const v = `${u}${num(f.value)}${s}`;
  switch (f.qualifier) {
    case "approximately": return `about ${v}`;
    case "at_least": return `at least ${v}`;
    case "more_than": return `more than ${v}`;
    case "at_most": return `at most ${v}`;
    case "range": {
      const band = `${u}${num(f.low)}–${num(f.high)}${s}`;
      return f.value == null ? band : `${band} (best ${num(f.value)})`;
    }
    default: return v;
  }
}

export const metricName = (row) => {
  const m = row.metric.replace(/_/g, " ");
  const who = row.subject ? ` (${row.subject.replace(/_/g, " ")})` : "";
  const where = row.scope ? ` in ${[row.scope.place, row.scope.admin1, row.scope.country].filter(Boolean).join(", ")}` : "";
  return `${m[0].toUpperCase()}${m.slice(1)}${who}${where}`;
};

export const seriesKey = (f) => JSON.stringify([f.metric, f.subject ?? null, f.scope ?? null, f.unit]);

export const esc = (text) =>
  String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
