// Follows the shown incident: its feed in the head (<link rel="alternate">) and its changes as they are committed
// (GET /changes/stream?incident=…, Server-Sent Events). A change reloads what the view shows, once per burst.
// The browser reconnects by itself with Last-Event-ID; a stream the server refused (429) is tried again later.
const debounceMs = 400;
const retryRefusedMs = 30000;
let current = null; // { id, source, timer, retry, lastSeq }

function feedLink(href) {
  let link = document.head.querySelector('link[rel="alternate"][type="application/atom+xml"]');
  if (!href) return link?.remove();
  if (!link) {
    link = Object.assign(document.createElement("link"), { rel: "alternate", type: "application/atom+xml" });
    document.head.append(link);
  }
  link.href = href;
}

function stop() {
  if (!current) return;
  current.source?.close();
  clearTimeout(current.timer);
  clearTimeout(current.retry);
  current = null;
}

function open(state, onChange) {
  const after = state.lastSeq == null ? "" : `&after=${state.lastSeq}`;
  const source = new EventSource(`/api/v1/changes/stream?incident=${encodeURIComponent(state.id)}${after}`);
  state.source = source;
  source.addEventListener("change", (e) => {
    state.lastSeq = e.lastEventId;
    clearTimeout(state.timer);
    state.timer = setTimeout(onChange, debounceMs);
  });
  source.addEventListener("error", () => {
    if (source.readyState !== EventSource.CLOSED || current !== state) return;
    state.retry = setTimeout(() => current === state && open(state, onChange), retryRefusedMs);
  });
}

// Shows the incident's feed and follows it; a view pinned by recordedAsOf never changes, so it is not followed.
export function follow(incident, pinned, onChange) {
  feedLink(incident?.links?.feed);
  if (!incident || pinned) return stop();
  if (current?.id === incident.id) return;
  stop();
  current = { id: incident.id, lastSeq: null };
  open(current, onChange);
}
