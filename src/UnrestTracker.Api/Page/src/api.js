// Reads the public JSON API only; every list is followed to its end (limit 1000 a page).
const base = "/api/v1";

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

export async function get(path, params = {}) {
  return (await getPinned(path, params)).body;
}

// The answer with its snapshot link and the recordedAsOf it names: the newest write the answer saw.
export async function getPinned(path, params = {}) {
  const response = await fetch(`${base}${path}${query(params)}`, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(`${path}: ${response.status} ${problem.title ?? ""} ${problem.detail ?? ""}`.trim());
  }
  const snapshot = /<([^>]*)>;\s*rel="snapshot"/.exec(response.headers.get("Link") ?? "")?.[1] ?? null;
  const recordedAsOf = snapshot && new URL(snapshot, location.origin).searchParams.get("recordedAsOf");
  return { body: await response.json(), snapshot, recordedAsOf };
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
