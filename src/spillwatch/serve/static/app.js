// spillwatch dashboard: filters -> /api queries -> map, timeline, table, evidence. Text is always text.
import { h, clear, table } from "./dom.js";
import { EventMap } from "./map.js";
import { Timeline } from "./timeline.js";
import { highlighted } from "./evidence.js";

const $ = id => document.getElementById(id);
const state = { offset: 0, limit: 50, filters: {} };

async function get(path, params = {}) {
  const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v !== undefined && v !== null));
  const r = await fetch(`${path}${qs.toString() ? "?" + qs : ""}`, { headers: { Accept: "application/json" } });
  if (!r.ok) { let d = r.statusText; try { d = (await r.json()).detail || d; } catch (e) { /* not json */ } throw new Error(d); }
  return r.json();
}

function readFilters() {
  const f = {};
  for (const [id, key] of [["f-actor", "actor"], ["f-country", "country"], ["f-type", "type"], ["f-from", "from"], ["f-to", "to"], ["f-q", "q"]])
    if ($(id).value) f[key] = $(id).value;
  return f;
}

function fillSelect(el, items, label) {
  const keep = el.value;
  clear(el).append(h("option", { value: "" }, "all"), ...items.map(i => h("option", { value: i.value }, label(i))));
  el.value = keep;
}

let map, timeline, newTheatres = new Set();

async function refresh() {
  state.filters = readFilters();
  $("status").textContent = "Loading…";
  try {
    const [page, facets, points] = await Promise.all([
      get("/api/events", { ...state.filters, limit: state.limit, offset: state.offset }),
      get("/api/events/facets", state.filters),
      get("/api/events", { ...state.filters, limit: 500, sort: "n_mentions" }),
    ]);
    renderTable(page);
    map.render(points.items, facets.per_country, newTheatres);
    if (!state.filters.from && !state.filters.to) timeline.render(facets.per_month);
    $("status").textContent = `${page.total} events`;
  } catch (err) { $("status").textContent = `Error: ${err.message}`; }
}

function renderTable(page) {
  const body = clear($("events-table").querySelector("tbody"));
  for (const e of page.items) {
    const row = h("tr", { tabindex: "0", "data-id": e.id },
      h("td", {}, e.date_start || ""), h("td", {}, e.type + (e.modes ? ` (${e.modes.replaceAll("|", ", ")})` : "")),
      h("td", {}, (e.source_names || "").replaceAll("|", ", ")), h("td", {}, (e.target_names || "").replaceAll("|", ", ")),
      h("td", {}, e.place_name || ""), h("td", {}, e.country_iso3 || ""),
      h("td", {}, e.fatalities_best ?? e.fatalities_low ?? ""), h("td", {}, e.n_mentions));
    row.addEventListener("click", () => openEvent(e.id));
    row.addEventListener("keydown", ev => { if (ev.key === "Enter") openEvent(e.id); });
    body.append(row);
  }
  $("page").textContent = `${page.total ? page.offset + 1 : 0}–${page.offset + page.items.length} of ${page.total}`;
  $("prev").disabled = page.offset === 0;
  $("next").disabled = page.offset + page.items.length >= page.total;
}

async function openEvent(id) {
  const panel = clear($("event-panel"));
  panel.append(h("p", {}, "Loading…"));
  try {
    const { event: e, mentions } = await get(`/api/events/${encodeURIComponent(id)}`);
    const names = xs => (xs || []).map(a => a.name).join(", ");
    clear(panel).append(
      h("h2", { id: "event-title" }, `${e.type}${e.modes.length ? " (" + e.modes.join(", ") + ")" : ""}`),
      h("dl", {},
        h("dt", {}, "When"), h("dd", {}, `${e.date_start || "?"}${e.date_end && e.date_end !== e.date_start ? " – " + e.date_end : ""}`),
        h("dt", {}, "Where"), h("dd", {}, e.place ? `${e.place.name || e.place.text} (${e.place.country_iso3 || "?"})` : "unknown"),
        h("dt", {}, "Who"), h("dd", {}, `${names(e.sources)} → ${names(e.targets)}`),
        h("dt", {}, "ACLED"), h("dd", {}, [e.acled_type, e.acled_subtype].filter(Boolean).join(" / ")),
        h("dt", {}, "Deaths"), h("dd", {}, e.fatalities ? `${e.fatalities.low ?? "?"} / ${e.fatalities.best ?? "?"} / ${e.fatalities.high ?? "?"}` : ""),
        h("dt", {}, "Reports"), h("dd", {}, String(mentions.length))),
      h("h3", {}, "Evidence"),
      ...(mentions.length ? mentions.map(m => h("article", { class: "mention" },
        h("h4", {}, `${m.outlet || "?"}: ${m.title || ""}`),
        h("p", { class: "meta" }, `${m.modality}${m.quoted ? ", in a quote" : ""}`),
        highlighted(m.text, m.spans, m.sentence))) : [h("p", { class: "hint" }, e.headline || "Imported event: no article text.")]));
    panel.focus();
  } catch (err) { clear(panel).append(h("p", {}, `Error: ${err.message}`)); }
}

async function loadView(view) {
  const box = $(`${view}-box`);
  if (!box) return;
  clear(box).append(h("p", {}, "Loading…"));
  try {
    const rows = await get(`/api/${view}`, state.filters);
    clear(box).append(table(rows.items || rows));
  } catch (err) { clear(box).append(h("p", { class: "hint" }, `Not available: ${err.message}`)); }
}

function selectTab(btn) {
  for (const b of document.querySelectorAll("[role=tab]")) b.setAttribute("aria-selected", String(b === btn));
  for (const s of document.querySelectorAll(".view")) s.hidden = s.id !== `view-${btn.dataset.view}`;
  if (btn.dataset.view !== "events") loadView(btn.dataset.view);
}

async function init() {
  map = new EventMap($("map"), openEvent);
  timeline = new Timeline($("timeline"), (from, to) => { $("f-from").value = from; $("f-to").value = to; state.offset = 0; refresh(); });
  $("filters").addEventListener("submit", e => { e.preventDefault(); state.offset = 0; refresh(); });
  $("filters").addEventListener("reset", () => setTimeout(() => { state.offset = 0; refresh(); }, 0));
  $("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); refresh(); });
  $("next").addEventListener("click", () => { state.offset += state.limit; refresh(); });
  for (const b of document.querySelectorAll("[role=tab]")) b.addEventListener("click", () => selectTab(b));
  const [topo, actors, facets] = await Promise.all([get("/api/geo/countries"), get("/api/actors"), get("/api/events/facets")]);
  map.setCountries(topo);
  fillSelect($("f-actor"), actors.map(a => ({ value: a.id, name: a.name, n: a.events })), a => `${a.name} (${a.n})`);
  fillSelect($("f-country"), Object.entries(facets.per_country).map(([k, n]) => ({ value: k, n })).sort((a, b) => b.n - a.n), c => `${c.value} (${c.n})`);
  fillSelect($("f-type"), Object.entries(facets.per_type).map(([k, n]) => ({ value: k, n })), t => `${t.value} (${t.n})`);
  await refresh();
  document.body.dataset.ready = "1";
  // New theatres come from the spread analysis, seconds on a large store: outline them when it answers.
  try { newTheatres = new Set((await get("/api/spread")).items.filter(r => r.level === "country").map(r => r.country_iso3)); } catch (e) { newTheatres = new Set(); }
  for (const p of $("map").querySelectorAll("path.country")) p.classList.toggle("new-theatre", newTheatres.has(p.dataset.iso3));
}

init().catch(err => { $("status").textContent = `Error: ${err.message}`; });
