// Reads the public JSON API only; every list is followed to its end (limit 1000 a page).
const base = "/api/v1";

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

export async function get(path, params = {}) {
  const response = await fetch(`${base}${path}${query(params)}`, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(`${path}: ${response.status} ${problem.title ?? ""} ${problem.detail ?? ""}`.trim());
  }
  return response.json();
}

export async function all(path, params = {}) {
  const items = [];
  let cursor = null;
  do {
    const page = await get(path, { ...params, limit: 1000, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < 20000);
  return items;
}
