import { get } from "./api.js";
import { day, esc } from "./format.js";

// The incident search box over GET /incidents?q=; Enter picks the first match.
export function wireSearch(form, input, results, recordedAsOf, pick) {
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      const found = q ? (await get("/incidents", { q, limit: 10, recordedAsOf: recordedAsOf() })).items : [];
      results.innerHTML = found.map((i) => `<li><button type="button" data-slug="${esc(i.slug)}">${esc(i.title)}
        <span class="when">${day(i.startDate)}${i.endDate ? ` – ${day(i.endDate)}` : ""}</span></button></li>`).join("")
        || (q ? "<li>No incident matches.</li>" : "");
    }, 200);
  });
  form.addEventListener("submit", (e) => { e.preventDefault(); results.querySelector("button")?.click(); });
  results.addEventListener("click", (e) => {
    const button = e.target.closest("button[data-slug]");
    if (!button) return;
    results.innerHTML = "";
    pick(button.dataset.slug);
  });
}
