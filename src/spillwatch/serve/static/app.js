// spillwatch dashboard: filters -> /api queries -> map, legend, time axis, table, evidence. Text is always text.
import { h, clear, dated } from "./dom.js";
import { EventMap } from "./map.js";
import { Timeline } from "./timeline.js";
import { renderLegend, renderAreas } from "./legend.js";
import { highlighted } from "./evidence.js";
import { fmtInt } from "./scale.js";
import { renderView } from "./views.js";

const $ = id => document.getElementById(id);
const state = { offset: 0, limit: 50, filters: {}, timelineKey: null, marks: null, marksActor: null, view: null };
const DEFAULT_ACTOR = "ISL";

async function get(path, params = {}) {
  const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v !== undefined && v !== null));
  const r = await fetch(`${path}${qs.toString() ? "?" + qs : ""}`, { headers: { Accept: "application/json" } });
  if (!r.ok) { let d = r.statusText; try { d = (await r.json()).detail || d; } catch (e) { /* not json */ } throw new Error(d); }
  return r.json();
}

const FIELDS = [["f-actor", "actor"], ["f-role", "role"], ["f-asof", "as_of"], ["f-country", "country"], ["f-type", "type"],
  ["f-from", "from"], ["f-to", "to"], ["f-q", "q"]];
const ANALYSIS_ONLY = ["as_of"];

function readFilters() {
  const f = {};
  for (const [id, key] of FIELDS) if ($(id).value) f[key] = $(id).value;
  return f;
}

// The event list and the map count the roles the tabs count: with an actor, perpetrator or party unless chosen.
function eventParams(f) {
  const out = { ...f };
  for (const k of ANALYSIS_ONLY) delete out[k];
  if (out.actor && !out.role) out.role = "perpetrator,party";
  return out;
}

function analysisParams(f) {
  const out = { actor: f.actor || DEFAULT_ACTOR };
  if (f.role) out.role = f.role;
  if (f.as_of) out.as_of = f.as_of;
  return out;
}

// Filters and the open tab live in the address: a view can be bookmarked, shared and reloaded.
function writeUrl() {
  const qs = new URLSearchParams(Object.entries(state.filters));
  const tab = document.querySelector("[role=tab][aria-selected=true]")?.dataset.view;
  if (tab && tab !== "events") qs.set("tab", tab);
  history.replaceState(null, "", `${location.pathname}${qs.toString() ? "?" + qs : ""}`);
}

function readUrl() {
  const qs = new URLSearchParams(location.search);
  for (const [id, key] of FIELDS) if (qs.has(key)) $(id).value = qs.get(key);
  return qs.get("tab");
}

function fillSelect(el, items, label) {
  const keep = el.value;
  clear(el).append(h("option", { value: "" }, "all"), ...items.map(i => h("option", { value: i.value }, label(i))));
  el.value = keep;
}

let map, timeline;

function undated(f) { const { from, to, ...rest } = f; return rest; }

async function refresh() {
  state.filters = readFilters();
  $("status").textContent = "Loading…";
  writeUrl();
  const params = eventParams(state.filters), base = undated(params), key = JSON.stringify(base);
  try {
    const fresh = key !== state.timelineKey;  // other filters than the dates changed: new time axis and context
    const [page, layers, points, months, context] = await Promise.all([
      get("/api/events", { ...params, limit: state.limit, offset: state.offset }),
      get("/api/map/layers", params),
      get("/api/map/points", { ...params, n: 1000 }),
      fresh ? get("/api/map/timeline", base) : null,
      fresh && (params.from || params.to) ? get("/api/map/layers", base) : null,
    ]);
    renderTable(page);
    if (fresh) state.context = (context || layers).countries;
    state.view = { layers, points: points.items, context: state.context };
    state.points = points;
    drawMap();
    if (fresh) { state.timelineKey = key; state.months = months.items; drawTimeline(); }
    timeline.setRange(state.filters.from, state.filters.to);
    $("t-clear").hidden = !(state.filters.from || state.filters.to);
    $("status").textContent = `${page.total} events` + (params.actor ? ` of ${params.actor} as ${params.role.replaceAll(",", " or ")}` : "");
  } catch (err) { $("status").textContent = `Error: ${err.message}`; }
  loadMarks();
}

function drawMap() {
  if (!state.view) return;
  const level = $("m-level").value, measure = $("m-measure").value;
  const model = map.render({ ...state.view, marks: state.marks, level, measure, showPoints: $("m-points").checked });
  renderLegend($("legend"), model, state.view.layers, state.marks, map.countryName, $("m-points").checked ? state.points : null);
  renderAreas($("areas-table"), state.view.layers, level, measure, map.countryName);
}

function drawTimeline() {
  const measure = $("m-measure").value;
  timeline.render(state.months, measure);
  const total = state.months.reduce((s, m) => s + m[measure], 0);
  $("timeline-caption").textContent = `${measure === "events" ? "Events" : "Deaths"} per month, ${state.months[0]?.month || "–"} to ${state.months.at(-1)?.month || "–"} (${fmtInt(total)} in all; empty months shown as zero).`;
}

// New theatres and at-risk countries come from the spread and risk analyses (seconds on a large store).
async function loadMarks() {
  const params = analysisParams(state.filters), actor = JSON.stringify(params);
  if (actor === state.marksActor) return;
  state.marksActor = actor; state.marks = null;
  try {
    const marks = await get("/api/map/marks", params);
    if (state.marksActor !== actor) return;
    state.marks = marks;
  } catch (err) {
    state.marks = { actor, new_countries: [], new_adm1: [], at_risk: [], threshold: 0.5, error: err.message };
  }
  drawMap();
  document.body.dataset.marks = "1";
}

function renderTable(page) {
  const body = clear($("events-table").querySelector("tbody"));
  for (const e of page.items) {
    const row = h("tr", { tabindex: "0", "data-id": e.id, "data-date": e.date_start || "" },
      h("td", {}, dated(e.date_start, e.date_precision)), h("td", {}, e.type + (e.modes ? ` (${e.modes.replaceAll("|", ", ")})` : "")),
      h("td", {}, (e.source_names || "").replaceAll("|", ", ")), h("td", {}, (e.target_names || "").replaceAll("|", ", ")),
      h("td", {}, e.place_name || ""), h("td", { title: e.country_iso3 || "" }, map.countryName.get(e.country_iso3) || e.country_iso3 || ""),
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
        h("dt", {}, "When"), h("dd", {}, (e.date_precision === "month" || e.date_precision === "year"
          ? dated(e.date_start, e.date_precision).split(" ")[0]  // "2016-03", not the first day of the month
          : `${e.date_start || "?"}${e.date_end && e.date_end !== e.date_start ? " – " + e.date_end : ""}`)
          + (e.date_precision ? ` (${e.date_precision}${e.date_source ? ", " + e.date_source : ""})` : "")),
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
    const params = view === "support" ? {} : view === "alerts" ? (state.filters.as_of ? { as_of: state.filters.as_of } : {})
      : analysisParams(state.filters);
    renderView(box, view, await get(`/api/${view}`, params), map.countryName);
    box.dataset.loaded = "1";
  } catch (err) { clear(box).append(h("p", { class: "hint" }, `Not available: ${err.message}`)); }
}

function selectTab(btn) {
  for (const b of document.querySelectorAll("[role=tab]")) b.setAttribute("aria-selected", String(b === btn));
  for (const s of document.querySelectorAll(".view")) s.hidden = s.id !== `view-${btn.dataset.view}`;
  if (btn.dataset.view !== "events") loadView(btn.dataset.view);
  else map.invalidate();
  writeUrl();
}

// The header's line on the watch loop: its state, last and next cycle, deliveries waiting; refreshed each minute.
const hhmm = iso => (iso ? iso.slice(0, 16).replace("T", " ") + " UTC" : "");
async function showWatch() {
  let text;
  try {
    const w = await get("/api/watch");
    const pending = w.sinks.reduce((n, s) => n + s.pending, 0);
    const last = w.last_cycle;
    text = w.state === "never-run" ? "watch: not started" : [`watch: ${w.state}`,
      last ? `last cycle ${hhmm(last.started_at)} (${last.sources.reduce((n, s) => n + s.new, 0)} new)` : "",
      w.state === "running" && w.next_cycle_at ? `next ${hhmm(w.next_cycle_at)}` : "",
      pending ? `${pending} alert deliveries waiting` : ""].filter(Boolean).join(", ");
  } catch (err) { text = `watch: ${err.message}`; }
  $("watch-status").textContent = text;
}

function setRange(from, to) { $("f-from").value = from || ""; $("f-to").value = to || ""; state.offset = 0; refresh(); }

async function init() {
  map = new EventMap($("map"), { onSelect: openEvent, onHover: text => { $("map-info").textContent = text || "Point at an area for its name and numbers."; } });
  timeline = new Timeline($("timeline"), $("timeline-table"), setRange);
  const reloadTab = () => { const v = document.querySelector("[role=tab][aria-selected=true]")?.dataset.view; if (v && v !== "events") loadView(v); };
  $("filters").addEventListener("submit", e => { e.preventDefault(); state.offset = 0; refresh().then(reloadTab); });
  $("filters").addEventListener("reset", () => setTimeout(() => { state.offset = 0; refresh(); }, 0));
  $("t-clear").addEventListener("click", () => setRange(null, null));
  $("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); refresh(); });
  $("next").addEventListener("click", () => { state.offset += state.limit; refresh(); });
  for (const id of ["m-level", "m-points"]) $(id).addEventListener("change", drawMap);
  $("m-measure").addEventListener("change", () => { drawMap(); if (state.months) { drawTimeline(); timeline.setRange(state.filters.from, state.filters.to); } });
  for (const b of document.querySelectorAll("[role=tab]")) b.addEventListener("click", () => selectTab(b));
  const [countries, adm1, actors, facets] = await Promise.all([get("/api/geo/countries"), get("/api/geo/adm1"), get("/api/actors"), get("/api/events/facets")]);
  map.setGeometry(countries, adm1);
  fillSelect($("f-actor"), actors.map(a => ({ value: a.id, name: a.name, n: a.events })), a => `${a.name} (${a.n})`);
  fillSelect($("f-country"), Object.entries(facets.per_country).map(([k, n]) => ({ value: k, n })).sort((a, b) => b.n - a.n), c => `${map.countryName.get(c.value) || c.value} (${c.n})`);
  fillSelect($("f-type"), Object.entries(facets.per_type).map(([k, n]) => ({ value: k, n })), t => `${t.value} (${t.n})`);
  const tab = readUrl();
  await refresh();
  const btn = tab && document.querySelector(`[role=tab][data-view="${CSS.escape(tab)}"]`);
  if (btn) selectTab(btn);
  document.body.dataset.ready = "1";
  showWatch();
  setInterval(showWatch, 60000);
}

init().catch(err => { $("status").textContent = `Error: ${err.message}`; });
