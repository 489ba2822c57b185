// The map: Leaflet (vendored) drawing the packaged Natural Earth outlines as SVG, no tiles.
// Choropleth of ADM1 units (ISO 3166-2) or countries (ISO3) by events or deaths, points for
// precisely placed events, new theatres and at-risk countries outlined. Every label is a text node.
import { h } from "./dom.js";
import { classes, classOf, COLOURS, fmtInt } from "./scale.js";

const L = window.L, topojson = window.topojson;
const NEW = "#5b2a86", RISK = "#00838f", DOT = "#1f3f7a";  // apart from the choropleth's oranges and reds

// Leaflet draws a ring that crosses the antimeridian (Chukotka, Fiji) as a line across the world:
// move such a ring's western longitudes east by 360 degrees so that it is drawn in one piece.
function unwrapRing(ring) {
  const jumps = ring.some((p, i) => i && Math.abs(p[0] - ring[i - 1][0]) > 180);
  return jumps ? ring.map(([x, y]) => [x < 0 ? x + 360 : x, y]) : ring;
}

function unwrap(f) {
  const g = f.geometry;
  if (!g) return f;
  const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
  const fixed = polys.map(p => p.map(unwrapRing));
  return { ...f, geometry: { type: g.type, coordinates: g.type === "Polygon" ? fixed[0] : fixed } };
}

export class EventMap {
  constructor(el, { onSelect, onHover }) {
    this.onSelect = onSelect; this.onHover = onHover;
    this.map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 10, zoomSnap: 0.25, attributionControl: false,
                           preferCanvas: false }).setView([30, 20], 2);
    this.panes();
    this.layers = {};
  }
  panes() {
    for (const [name, z] of [["countries", 300], ["adm1", 350], ["marks", 380], ["points", 450]]) this.map.createPane(name).style.zIndex = z;
  }
  setGeometry(countries, adm1) {
    const keep = f => f.properties.iso3 !== "ATA";  // Antarctica: no events, and its rings wrap the whole globe
    this.countries = topojson.feature(countries, countries.objects.countries).features.filter(keep).map(unwrap);
    this.adm1 = topojson.feature(adm1, adm1.objects.adm1).features.filter(keep).map(unwrap);
    this.adm1ByCountry = new Map();
    for (const f of this.adm1) {
      const c = f.properties.iso3;
      if (!this.adm1ByCountry.has(c)) this.adm1ByCountry.set(c, []);
      this.adm1ByCountry.get(c).push(f);
    }
    this.countryName = new Map(this.countries.map(f => [f.properties.iso3, f.properties.name]));
  }
  // view: {layers, points, context (countries with events whatever the dates), marks, level, measure, showPoints};
  // returns the legend model.
  render(view) {
    for (const l of Object.values(this.layers)) l.remove();
    this.layers = {};
    const byLevel = view.level === "country" ? view.layers.countries : view.layers.adm1;
    const values = new Map(byLevel.map(u => [u.key, u[view.measure]]));
    const breaks = classes([...values.values()]);
    const marks = view.marks || { new_countries: [], new_adm1: [], at_risk: [] };
    const newC = new Set(marks.new_countries), newA = new Set(marks.new_adm1);
    const risk = new Map(marks.at_risk.map(r => [r.country_iso3, r.risk]));
    const counts = { countries: new Map(view.layers.countries.map(u => [u.key, u])), adm1: new Map(view.layers.adm1.map(u => [u.key, u])) };
    const shade = key => { const v = values.get(key) || 0; return v > 0 ? COLOURS[classOf(v, breaks)] : null; };

    this.layers.countries = L.geoJSON(this.countries, {
      pane: "countries",
      style: f => {
        const fill = view.level === "country" ? shade(f.properties.iso3) : null;
        return { className: "country", color: "#8a94a3", weight: 0.6, fillColor: fill || "#f4f1ea", fillOpacity: 1 };
      },
      onEachFeature: (f, layer) => this.hoverable(layer, "countries", () => this.describe("country", f, counts.countries.get(f.properties.iso3), view, risk)),
    }).addTo(this.map);
    if (view.level === "country") this.tag(this.layers.countries, f => f.properties.iso3, values);

    if (view.level === "adm1") {
      const shown = new Set([...view.context.map(u => u.key), ...counts.countries.keys(), ...risk.keys()]);
      const feats = [...shown].flatMap(c => this.adm1ByCountry.get(c) || []);
      this.layers.adm1 = L.geoJSON(feats, {
        pane: "adm1",
        style: f => ({ className: `adm1${newA.has(f.id) ? " new-theatre" : ""}`, color: newA.has(f.id) ? NEW : "#a0a8b4",
                       weight: newA.has(f.id) ? 1.6 : 0.5, fillColor: shade(f.id) || "#fbfaf6", fillOpacity: 1 }),
        onEachFeature: (f, layer) => this.hoverable(layer, "adm1", () => this.describe("adm1", f, counts.adm1.get(f.id), view, risk)),
      }).addTo(this.map);
      this.tag(this.layers.adm1, f => f.id, values);
    }
    this.layers.marks = L.geoJSON(this.countries.filter(f => newC.has(f.properties.iso3) || risk.has(f.properties.iso3)), {
      pane: "marks", interactive: false,
      style: f => newC.has(f.properties.iso3)
        ? { className: "mark-new", color: NEW, weight: 3, fill: false }
        : { className: "mark-risk", color: RISK, weight: 3, dashArray: "6 4", fill: false },
    }).addTo(this.map);
    if (view.showPoints) this.drawPoints(view.points);
    this.fit(view);
    return { breaks, values, level: view.level, measure: view.measure };
  }
  tag(group, key, values) {  // the unit's code and shaded value on its SVG path (for tests and tools)
    group.eachLayer(layer => {
      const p = layer.getElement(), k = key(layer.feature) || "";
      if (p) { p.dataset.key = k; p.dataset.value = String(values.get(k) || 0); }
    });
  }
  drawPoints(points) {
    this.layers.points = L.layerGroup(points.map(p => {
      const r = 2 + Math.min(5, Math.sqrt(p.fatalities || 0) / 2);  // small: the shading carries the counts
      const m = L.circleMarker([p.lat, p.lon], { pane: "points", radius: r, className: "event-dot", color: "#fff", weight: 0.5,
                                               fillColor: DOT, fillOpacity: 0.6 });
      m.bindTooltip(h("span", {}, `${p.date || "?"} ${p.type} ${p.place || ""}${p.fatalities ? `, ${fmtInt(p.fatalities)} deaths` : ""}`), { direction: "top" });
      m.on("click", () => this.onSelect(p.id));
      m.on("add", () => { m.getElement().dataset.id = p.id; });
      return m;
    })).addTo(this.map);
  }
  hoverable(layer, group, text) {
    layer.on("mouseover", () => { layer.setStyle({ weight: 2, color: "#1d2433" }); this.onHover(text()); });
    layer.on("mouseout", () => { this.layers[group].resetStyle(layer); this.onHover(null); });
    layer.on("click", () => this.onHover(text()));  // a tap on a phone
    layer.bindTooltip(() => h("span", {}, text()), { sticky: true });
  }
  describe(kind, f, unit, view, risk) {
    const name = kind === "adm1" ? `${f.properties.name} (${f.id}), ${this.countryName.get(f.properties.iso3) || f.properties.iso3}`
                                 : `${f.properties.name || f.properties.iso3}`;
    const n = unit ? `${fmtInt(unit.events)} events, ${fmtInt(unit.fatalities)} deaths` : "no events";
    const r = risk.has(f.properties.iso3) && kind === "country" ? `; at risk next month: ${Math.round(risk.get(f.properties.iso3) * 100)}%` : "";
    return `${name}: ${n}${r}`;
  }
  fit(view) {
    // to the countries that hold nine tenths of the events (dates aside), so that a few reports from far
    // away do not zoom the map out to the world; brushing dates keeps the view
    const ranked = [...view.context].sort((a, b) => b.events - a.events);
    const all = ranked.reduce((s, u) => s + u.events, 0), keys = new Set();
    let sum = 0;
    for (const u of ranked) { if (sum >= 0.9 * all) break; keys.add(u.key); sum += u.events; }
    const feats = this.countries.filter(f => keys.has(f.properties.iso3));
    if (!feats.length) return;
    const key = [...keys].sort().join(",");
    if (key === this.fitted) return;  // keep the user's pan and zoom while only the dates change
    this.fitted = key;
    this.map.fitBounds(L.geoJSON(feats).getBounds(), { padding: [12, 12], maxZoom: 7 });
  }
  invalidate() { this.map.invalidateSize(); }
}
