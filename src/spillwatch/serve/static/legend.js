// The map legend: the colour classes with their numeric bounds, the totals behind them, and the marks.
import { h, clear } from "./dom.js";
import { classOf, fmtInt } from "./scale.js";

const WORDS = { adm1: ["province", "provinces"], country: ["country", "countries"] };
const MEASURE = { events: "events", fatalities: "deaths" };

export function renderLegend(el, model, layers, marks, names, points) {
  const [one, many] = WORDS[model.level], what = MEASURE[model.measure];
  const units = model.level === "country" ? layers.countries : layers.adm1;
  const shaded = units.filter(u => u[model.measure] > 0);
  const total = model.measure === "events" ? layers.events : layers.fatalities;
  const inUnits = units.reduce((s, u) => s + u[model.measure], 0);
  let lo = 1;
  const rows = model.breaks.map(hi => {
    const k = classOf(hi, model.breaks), n = shaded.filter(u => classOf(u[model.measure], model.breaks) === k).length;
    const row = h("li", { class: "class", "data-lo": lo, "data-hi": hi },
      h("span", { class: `swatch c${k}`, "aria-hidden": "true" }),
      h("span", { class: "range" }, lo === hi ? fmtInt(hi) : `${fmtInt(lo)}–${fmtInt(hi)}`),
      h("span", { class: "n" }, ` ${what} (${n} ${n === 1 ? one : many})`));
    lo = hi + 1;
    return row;
  });
  const notes = [];
  if (model.level === "adm1" && model.measure === "events") {
    if (layers.adm1_missing) notes.push(`${fmtInt(layers.adm1_missing)} placed only at country level or not at all`);
    if (layers.adm1_unkeyed) notes.push(`${fmtInt(layers.adm1_unkeyed)} with a province no map area matches`);
  }
  const parts = [
    h("p", { class: "legend-title" }, `${what[0].toUpperCase()}${what.slice(1)} per ${one}`),
    h("p", { class: "total", "data-total": total, "data-in-units": inUnits, "data-units": shaded.length },
      `${fmtInt(total)} ${what} in all; ${fmtInt(inUnits)} in ${shaded.length} ${shaded.length === 1 ? one : many}`
      + (notes.length ? ` (of the events: ${notes.join("; ")})` : "")),
    rows.length ? h("ul", { class: "classes" }, rows) : h("p", { class: "hint" }, `No ${what} for these filters.`),
    points ? h("p", { class: "points-key" }, h("span", { class: "swatch dot", "aria-hidden": "true" }),
      points.items.length < points.total
        ? ` Points: the ${fmtInt(points.items.length)} events with most deaths of ${fmtInt(points.total)} placed at or near a town`
        : ` Points: ${fmtInt(points.total)} events placed at or near a town (size: deaths)`) : null,
    marksLegend(marks, names)];
  clear(el).append(...parts.filter(Boolean));
}

function marksLegend(marks, names) {
  if (!marks) return h("p", { class: "hint marks-pending" }, "New theatres and risk: computing…");
  const name = c => names.get(c) || c;
  const items = [];
  items.push(h("li", { class: "mark-new-key" }, h("span", { class: "swatch line-new", "aria-hidden": "true" }),
    `New theatres of ${marks.actor}: ` + (marks.new_countries.length ? marks.new_countries.map(name).join(", ") : "no new countries")
    + (marks.new_adm1.length ? `; ${marks.new_adm1.length} new provinces (thin outline)` : "")));
  items.push(h("li", { class: "mark-risk-key" }, h("span", { class: "swatch line-risk", "aria-hidden": "true" }),
    `At risk next month (risk ≥ ${Math.round(marks.threshold * 100)}%, no events in the last 3 months): `
    + (marks.at_risk.length ? marks.at_risk.map(r => `${name(r.country_iso3)} ${Math.round(r.risk * 100)}%`).join(", ") : "none")));
  return h("ul", { class: "marks" }, items);
}


// The shaded areas as a table (also what a screen reader or keyboard user reads instead of the map).
export function renderAreas(el, layers, level, measure, names) {
  const units = [...(level === "country" ? layers.countries : layers.adm1)].sort((a, b) => b[measure] - a[measure] || (a.key < b.key ? -1 : 1));
  const rows = units.map(u => h("tr", { "data-key": u.key },
    h("td", {}, u.key), h("td", {}, level === "country" ? names.get(u.key) || u.name || "" : u.name || ""),
    h("td", {}, level === "country" ? "" : names.get(u.country_iso3) || u.country_iso3 || ""),
    h("td", {}, fmtInt(u.events)), h("td", {}, fmtInt(u.fatalities))));
  clear(el).append(h("table", { class: "areas" },
    h("thead", {}, h("tr", {}, ["Code", "Name", "Country", "Events", "Deaths"].map(t => h("th", {}, t)))), h("tbody", {}, rows)));
}
