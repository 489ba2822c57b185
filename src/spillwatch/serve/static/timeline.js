// The time axis: uPlot (vendored) bars per month on a continuous UTC time scale; every month of the
// span is a bar, empty ones at zero (the API fills them). Drag across it to pick a range of months.
import { h, clear } from "./dom.js";
import { fmtInt } from "./scale.js";

const uPlot = window.uPlot;
const HEIGHT = 150;
const INTEGER_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 1e6];
const LABEL = { events: "Events", fatalities: "Deaths" };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const monthLabel = (ts, first) => { const d = new Date(ts * 1000), m = d.getUTCMonth(); return m === 0 || first ? `${MONTHS[m]}\n${d.getUTCFullYear()}` : MONTHS[m]; };
const monthStart = m => Date.UTC(+m.slice(0, 4), +m.slice(5, 7) - 1, 1) / 1000;
const monthOf = ts => new Date(ts * 1000).toISOString().slice(0, 7);
const lastDay = m => new Date(Date.UTC(+m.slice(0, 4), +m.slice(5, 7), 0)).toISOString().slice(0, 10);

export class Timeline {
  constructor(el, tableEl, onBrush) {
    this.el = el; this.tableEl = tableEl; this.onBrush = onBrush; this.months = []; this.plot = null;
    new ResizeObserver(() => { if (this.plot) this.plot.setSize({ width: this.width(), height: HEIGHT }); }).observe(el);
  }
  width() { return Math.max(200, this.el.clientWidth); }
  render(months, measure) {
    this.months = months; this.measure = measure;
    if (this.plot) { this.plot.destroy(); this.plot = null; }
    clear(this.el);
    this.renderTable();
    if (!months.length) { this.el.append(h("p", { class: "hint" }, "No dated events for these filters.")); return; }
    const xs = months.map(m => monthStart(m.month)), ys = months.map(m => m[measure]);
    const opts = {
      width: this.width(), height: HEIGHT, legend: { show: false },
      tzDate: ts => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      select: { show: true },
            // the span is set here: uPlot widens a one-month span to years on its own
      scales: { x: { time: true, range: () => [xs[0] - 15 * 86400, xs[xs.length - 1] + 15 * 86400] },
                y: { range: (u, lo, hi) => [0, Math.max(1, hi)] } },
      axes: [{ stroke: "#5b6475", grid: { show: false }, splits: () => this.ticks(xs), values: (u, vals) => vals.map((v, i) => monthLabel(v, i === 0)) },
             { stroke: "#5b6475", incrs: INTEGER_STEPS, values: (u, vals) => vals.map(v => fmtInt(v)),
               size: (u, vals) => 24 + 8 * Math.max(1, ...(vals || []).map(v => String(v).length)) }],
      series: [{}, { label: LABEL[measure], stroke: "#3d5f99", fill: "#5d7fb8", paths: uPlot.paths.bars({ size: [0.85, 40] }), points: { show: false } }],
      hooks: { setSelect: [u => this.selected(u)] },
    };
    this.plot = new uPlot(opts, [xs, ys], this.el);
    if (this.range) this.show(this.range[0], this.range[1]);
  }
  ticks(xs) {  // one tick per bar when they fit, else every 2, 3, 6 or 12 months (Januaries kept)
    const room = Math.max(1, Math.floor(this.width() / 56));
    const step = [1, 2, 3, 6, 12, 24, 60].find(k => xs.length / k <= room) || 120;
    return xs.filter((x, i) => step < 12 ? new Date(x * 1000).getUTCMonth() % step === 0 || xs.length === 1
                                         : new Date(x * 1000).getUTCMonth() === 0 && new Date(x * 1000).getUTCFullYear() % (step / 12) === 0);
  }
  selected(u) {
    if (u.select.width < 3) return;
    const a = u.posToVal(u.select.left, "x"), b = u.posToVal(u.select.left + u.select.width, "x");
    const inside = this.months.filter(m => { const t = monthStart(m.month) + 14 * 86400; return t >= a && t <= b; });
    const pick = inside.length ? inside : [this.nearest((a + b) / 2)];
    this.range = [pick[0].month, pick[pick.length - 1].month];
    this.show(...this.range);
    this.onBrush(this.range[0] + "-01", lastDay(this.range[1]));
  }
  nearest(t) { return this.months.reduce((best, m) => Math.abs(monthStart(m.month) - t) < Math.abs(monthStart(best.month) - t) ? m : best); }
  show(first, last) {  // draw the selection box over whole months
    if (!this.plot) return;
    const left = this.plot.valToPos(monthStart(first) - 15 * 86400, "x"), right = this.plot.valToPos(monthStart(last) + 15 * 86400, "x");
    this.plot.setSelect({ left, width: Math.max(2, right - left), top: 0, height: this.plot.bbox.height / devicePixelRatio }, false);
  }
  setRange(from, to) {  // from the From/To fields (or null to clear)
    this.range = from || to ? [(from || this.months[0]?.month || "").slice(0, 7), (to || this.months.at(-1)?.month || "").slice(0, 7)] : null;
    if (!this.plot) return;
    if (this.range) this.show(...this.range); else this.plot.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
  }
  renderTable() {
    const rows = this.months.map(m => h("tr", { "data-month": m.month }, h("td", {}, m.month), h("td", {}, fmtInt(m.events)), h("td", {}, fmtInt(m.fatalities))));
    clear(this.tableEl).append(h("table", { class: "months" },
      h("thead", {}, h("tr", {}, h("th", {}, "Month"), h("th", {}, "Events"), h("th", {}, "Deaths"))), h("tbody", {}, rows)));
  }
}
