// The map legend: the colour classes with their numeric bounds, the totals behind them, and the marks.
import { h, clear } from "./dom.js";
import { COLOURS, classOf, fmtInt } from "./scale.js";

const WORDS = { adm1: ["province", "provinces"], country: ["country", "countries"] };
const MEASURE = { events: "events", fatalities: "deaths" };

export function renderLegend(el, model, layers, marks, names) {
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
  clear(el).append(
    h("p", { class: "legend-title" }, `${what[0].toUpperCase()}${what.slice(1)} per ${one}`),
    h("p", { class: "total", "data-total": total, "data-in-units": inUnits, "data-units": shaded.length },
      `${fmtInt(total)} ${what} in all; ${fmtInt(inUnits)} in ${shaded.length} ${shaded.length === 1 ? one : many}`
      + (notes.length ? ` (of the events: ${notes.join("; ")})` : "")),
    rows.length ? h("ul", { class: "classes" }, rows) : h("p", { class: "hint" }, `No ${what} for these filters.`),
    marksLegend(marks, names));
}

function marksLegend(marks, names) {
  if (!marks) return h("p", { class: "hint marks-pending" }, "New theatres and risk: computing…");
  const name = c => names.get(c) || c;
  const items = [];
  items.push(h("li", { class: "mark-new-key" }, h("span", { class: "swatch line-new", "aria-hidden": "true" }),
    `New theatres of ${marks.actor}: ` + (marks.new_countries.length ? marks.new_countries.map(name).join(", ") : "no new countries")
    + (marks.new_adm1.length ? `; ${marks.new_adm1.length} new provinces (red outline)` : "")));
  items.push(h("li", { class: "mark-risk-key" }, h("span", { class: "swatch line-risk", "aria-hidden": "true" }),
    `At risk next month (risk ≥ ${Math.round(marks.threshold * 100)}%, no events in the last 3 months): `
    + (marks.at_risk.length ? marks.at_risk.map(r => `${name(r.country_iso3)} ${Math.round(r.risk * 100)}%`).join(", ") : "none")));
  return h("ul", { class: "marks" }, items);
}

export { COLOURS };
