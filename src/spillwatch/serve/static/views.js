// Analyst views of the analyses: names not ids, plain numbers, drivers as sentences, a CSV download per table.
// Every value is a text node (dom.js); the CSV neutralises formula-like cells as the server's exports do.
import { h, clear, dated } from "./dom.js";

const pct = v => (v === null || v === undefined ? "no rate" : `${(v * 100).toFixed(v < 0.01 && v > 0 ? 1 : 0)}%`);
const num = v => (v === null || v === undefined || v === "" ? "" : Number(v).toLocaleString("en", { maximumFractionDigits: 0 }));
const usd = v => (v ? `USD ${num(v)}` : "none");
const list = v => (Array.isArray(v) ? v.join(", ") : String(v ?? "").replaceAll("|", ", "));
const place = r => [r.adm1_name, r.country_name].filter(Boolean).join(", ") || r.unit || r.country_iso3 || "";

// [header, value(row)] per column, one table per view.
export const COLUMNS = {
  gaps: [["Country", r => r.country_name || r.country_iso3], ["Threat next month", r => pct(r.threat)],
    ["Support committed", r => usd(r.support_usd)], ["Gap", r => (r.gap === null ? "no gap judged" : r.gap.toFixed(3))],
    ["What the threat is", r => r.basis || ""],
    ["Personnel / equipment / training", r => `${r.personnel} / ${r.equipment} / ${r.training}`],
    ["Coverage", r => r.coverage || ""], ["Latest event of the actor", r => r.latest_event || "none recorded"],
    ["Latest violent event there (anyone)", r => r.latest_any || "none recorded"], ["In view because", r => r.why || ""],
    ["Why this gap", r => r.explanation]],
  risk: [["Place", place], ["Month", r => (r.month || "").slice(0, 7)], ["Risk of an event", r => (r.fitted || r.risk === null || r.risk === undefined ? pct(r.risk) : `${pct(r.risk)} base rate (model not fit)`)],
    ["What the number is", r => r.basis || ""],
    ["Risk of an onset", r => (r.onset_risk === null || r.onset_risk === undefined ? "" : pct(r.onset_risk))],
    ["Coverage", r => r.coverage || ""], ["In view because", r => r.why || ""], ["Drivers", r => r.drivers || ""]],
  spread: [["Place", r => [r.adm1_name, r.country_name].filter(Boolean).join(", ") || r.unit], ["First seen", r => dated(r.first_date, r.first_precision)],
    ["First event", r => `${(r.first_event_type || "").toLowerCase()} at ${r.first_place || "?"}`],
    ["Reported by", r => list(r.first_sources)], ["Events", r => num(r.events)],
    ["Next to earlier theatres", r => list((r.diffused_names || r.diffused_from || []))], ["Judged inside", r => r.window || ""]],
  support: [["Date", r => r.date || "undated"], ["Donor", r => r.donor], ["Recipient", r => r.recipient],
    ["Country", r => r.recipient_name || r.recipient_country], ["Kind", r => r.kind],
    ["Amount", r => (r.amount ? `${r.currency || "USD"} ${num(r.amount)}` : "")],
    ["In USD", r => (r.usd === null || r.usd === undefined ? "" : `USD ${num(r.usd)}${r.rate_day ? ` (ECB rate of ${r.rate_day})` : ""}`)],
    ["Item", r => [r.item || "", r.count ? "× " + num(r.count) : ""].join(" ").trim()], ["Status", r => r.status],
    ["Event", r => r.event_id || "added by a user"], ["Sources", r => r.sources]],
  alerts: [["Date", r => dated(r.alert_date, r.date_precision)], ["Kind", r => (r.kind === "new-theatre" ? "new theatre" : "risk")],
    ["Where", r => r.where || r.unit], ["Score", r => (r.score === null ? "" : pct(r.score))], ["Alert", r => r.message]],
};

export function cells(view, rows) {
  const cols = COLUMNS[view];
  return { head: cols.map(c => c[0]), body: rows.map(r => cols.map(c => String(c[1](r) ?? ""))) };
}

// RFC 4180 quoting, and a leading ' before =, +, -, @, tab or CR (OWASP, as export/csvsafe.py).
export function toCsv(head, body) {
  const cell = v => { let s = String(v); if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s; };
  return [head, ...body].map(r => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

export function renderView(box, view, result, names) {
  const rows = (result.items || result).map(r => withNames(view, r, names));
  const { head, body } = cells(view, rows);
  const title = [result.actor ? `${result.actor} as ${result.roles_label}` : "", result.as_of_label || ""].filter(Boolean).join(", ");
  const download = h("button", { type: "button", class: "download", "data-view": view }, `Download this table (CSV, ${body.length} rows)`);
  download.addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([toCsv(head, body)], { type: "text/csv" }));
    const a = h("a", { href: url, download: `spillwatch-${view}${result.as_of ? "-" + result.as_of.slice(0, 7) : ""}.csv` });
    document.body.append(a); a.click(); a.remove(); setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  const tableEl = body.length ? h("table", { class: "analysis", "data-view": view },
    h("thead", {}, h("tr", {}, head.map(t => h("th", { scope: "col" }, t)))),
    h("tbody", {}, body.map((r, i) => h("tr", { "data-key": rows[i].country_iso3 || rows[i].unit || "" }, r.map(v => h("td", {}, v))))))
    : h("p", { class: "hint" }, "Nothing to show for these filters.");
  const others = view === "spread" && result.not_new && result.not_new.length
    ? h("p", { class: "hint not-new" }, `${result.not_new.length} more place${result.not_new.length === 1 ? "" : "s"} with events `
      + "in scope, not judged new (origin: active from the start; coverage start: first seen before its origin had "
      + "watched it long enough): " + result.not_new.map(t => `${withNames(view, t, names).country_name || t.unit}`
        + `${t.adm1_name ? " (" + t.adm1_name + ")" : ""}, ${t.status}, first seen ${dated(t.first_date, t.first_precision)}`).join("; "))
    : null;
  clear(box).append(...[title ? h("p", { class: "view-title" }, title) : null, download,
    h("div", { class: "table-scroll" }, tableEl), others].filter(Boolean));
}

function withNames(view, r, names) {
  const name = c => (c && names.get(c)) || c;
  if (view === "spread") return { ...r, country_name: r.country_name || name(r.country_iso3), diffused_names: (r.diffused_from || []).map(name) };
  if (view === "support") return { ...r, recipient_name: name(r.recipient_country) };
  if (view === "alerts") return { ...r, where: name(String(r.unit || "").split(":")[0]) };
  return r;
}
