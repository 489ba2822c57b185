// Safe DOM building: every string becomes a text node; no HTML from data is ever parsed.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

export function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

// A generic table from an array of flat objects (values shown as text).
export function table(rows, columns) {
  if (!rows.length) return h("p", { class: "hint" }, "Nothing to show for these filters.");
  const cols = columns || Object.keys(rows[0]);
  return h("table", {},
    h("thead", {}, h("tr", {}, cols.map(c => h("th", {}, c.replaceAll("_", " "))))),
    h("tbody", {}, rows.map(r => h("tr", {}, cols.map(c => h("td", {}, fmt(r[c])))))));
}

export function fmt(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(3);
  if (Array.isArray(v)) return v.map(fmt).join("; ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

// A date as precise as it is known ("2016-03 (month)" for the Brussels bombings known only as March 2016); the API
// keeps the ISO day and date_precision beside it (records.dated says the same in Python).
export function dated(day, precision) {
  if (!day) return "";
  if (precision === "month") return `${day.slice(0, 7)} (month)`;
  if (precision === "year") return `${day.slice(0, 4)} (year)`;
  return day + (precision === "week" || precision === "range" ? ` (${precision})` : "");
}
