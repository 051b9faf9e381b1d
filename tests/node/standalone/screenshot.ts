// Renders docs/images/dashboard.png: the panels of examples/grafana/microwaf.json, their queries run against a
// real Prometheus scraping the demo stack while demo traffic flows (a few minutes of it), drawn as SVG by this
// script and photographed by headless Chromium. Offline: no Grafana, no charting library, no CDN. It is a
// faithful rendering of the dashboard's queries and layout, not a Grafana screenshot.
//   node --import tsx tests/node/standalone/screenshot.ts [--seconds 90] [--out docs/images/dashboard.png]
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { root, startStack, sendTraffic, startPrometheus } from "./stack.ts";
import { allPanels, substitute, type Dashboard, type Panel } from "./promql.ts";

const args = process.argv.slice(2);
const opt = (k: string, d: string) => (args.includes(k) ? args[args.indexOf(k) + 1] : d);
const seconds = Number(opt("--seconds", "90"));
const out = join(root, opt("--out", "docs/images/dashboard.png"));

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const COLORS = ["#73bf69", "#f2cc0c", "#5794f2", "#ff9830", "#f2495c", "#b877d9", "#8ab8ff", "#ffb357", "#96d98d", "#ca95e5"];
const ROW_H = 30, COL_W = 1560 / 24;

function legend(fmt: string | undefined, metric: Record<string, string>): string {
  if (!fmt || fmt === "__auto") return Object.entries(metric).filter(([k]) => k !== "__name__").map(([k, v]) => `${k}=${v}`).join(", ") || "value";
  return fmt.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k) => metric[k] ?? "");
}
const fmtNum = (v: number, unit?: string) => {
  if (!Number.isFinite(v)) return "–";
  const s = Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(1)}k` : Math.abs(v) >= 10 || Number.isInteger(v) ? v.toFixed(0) : v.toFixed(2);
  return unit === "µs" ? `${s} µs` : unit === "reqps" ? `${s} req/s` : unit === "Bps" ? `${s} B/s` : s;
};

async function main() {
  const stack = await startStack();
  const prom = await startPrometheus(stack.admin.replace("http://", ""));
  const t0 = Date.now() / 1000;
  try {
    // Traffic in waves, so the time series have a shape: quiet, busy, a burst of bulk dumps, busy again.
    const end = Date.now() + seconds * 1000;
    let i = 0;
    while (Date.now() < end) {
      const phase = Math.floor(((Date.now() / 1000 - t0) / seconds) * 4);
      const rounds = [1, 3, 6, 2][phase] ?? 1;
      await sendTraffic(stack.listen, rounds);
      if (phase === 2) for (let k = 0; k < 3; k++) await fetch(`${stack.listen}/api/customers?limit=40`).then((r) => r.arrayBuffer());
      process.stdout.write(`\rtraffic: ${++i} waves, ${Math.round(Date.now() / 1000 - t0)} s / ${seconds} s   `);
      await new Promise((r) => setTimeout(r, 1000));
    }
    await prom.waitScrapes(2);
    const t1 = Date.now() / 1000;
    const range = Math.ceil(t1 - t0);
    const vars = { __rate_interval: "15s", __interval: "2s", __range: `${range}s`, local: ".*", route: ".*", datasource: "prometheus" };
    const d = JSON.parse(readFileSync(join(root, "examples/grafana/microwaf.json"), "utf8")) as Dashboard;
    const cells: string[] = [];
    let maxY = 0;
    for (const p of allPanels(d)) {
      const g = p.gridPos;
      maxY = Math.max(maxY, g.y + g.h);
      const style = `left:${g.x * COL_W + 20}px;top:${g.y * ROW_H + 70}px;width:${g.w * COL_W - 8}px;height:${g.h * ROW_H - 8}px`;
      if (p.type === "row") { cells.push(`<div class="row" style="${style}">${esc(p.title)}</div>`); continue; }
      cells.push(`<div class="panel" style="${style}"><div class="title">${esc(p.title)}</div>${await body(p, g.w * COL_W - 8, g.h * ROW_H - 40, vars, t0, t1, prom)}</div>`);
    }
    const html = `<!doctype html><meta charset="utf-8"><style>
      body{margin:0;background:#111217;font:12px Inter,Helvetica,Arial,sans-serif;color:#ccccdc}
      .hdr{position:absolute;left:20px;top:16px;font-size:18px;color:#fff}.hdr small{font-size:12px;color:#8e8e9e;margin-left:12px}
      .row{position:absolute;font-size:14px;color:#fff;font-weight:500;padding-top:6px}
      .panel{position:absolute;background:#181b1f;border:1px solid #2c3235;border-radius:2px;overflow:hidden}
      .title{padding:6px 8px;font-weight:500;color:#fff;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
      .stat{font-size:38px;font-weight:500;color:#73bf69;padding:4px 10px}
      table{border-collapse:collapse;width:calc(100% - 16px);margin:0 8px}td,th{padding:3px 6px;border-bottom:1px solid #2c3235;text-align:left;white-space:nowrap}th{color:#6e9fff;font-weight:500}
      .lg{font-size:11px;fill:#ccccdc}.ax{font-size:10px;fill:#8e8e9e}
    </style><div class="hdr">MicroWAF <small>examples/grafana/microwaf.json · panel queries on a real Prometheus scraping the demo (${range} s of demo traffic) · rendered offline as SVG, not by Grafana</small></div>${cells.join("\n")}`;
    const dir = mkdtempSync(join(tmpdir(), "microwaf-shot-"));
    writeFileSync(join(dir, "dash.html"), html);
    const height = maxY * ROW_H + 90;
    const r = spawnSync("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
      "--hide-scrollbars", `--window-size=1600,${height}`, `--screenshot=${out}`, `file://${join(dir, "dash.html")}`], { encoding: "utf8", timeout: 60_000 });
    if (r.status !== 0) throw new Error(`chromium failed: ${r.stderr}`);
    rmSync(dir, { recursive: true, force: true });
    console.log(`\nwrote ${out}`);
  } finally {
    await prom.stop();
    await stack.stop();
  }
}

async function body(p: Panel, w: number, h: number, vars: Record<string, string>, t0: number, t1: number, prom: Awaited<ReturnType<typeof startPrometheus>>): Promise<string> {
  const unit = (p.fieldConfig as any)?.defaults?.unit as string | undefined;
  const targets = p.targets ?? [];
  if (p.type === "stat") {
    const r = await prom.query(substitute(targets[0].expr, vars), t1);
    const v = r.length ? Number(r[0].value[1]) : NaN;
    return `<div class="stat">${esc(fmtNum(v, unit))}</div>`;
  }
  if (p.type === "table") {
    const r = await prom.query(substitute(targets[0].expr, vars), t1);
    const ren = ((p as any).transformations?.[0]?.options?.renameByName ?? {}) as Record<string, string>;
    const cols = [...new Set(r.flatMap((s) => Object.keys(s.metric)))].filter((k) => k !== "__name__" && k !== "job" && k !== "instance");
    const rows = r.slice(0, Math.floor(h / 20) - 1).map((s) => `<tr>${cols.map((c) => `<td>${esc(s.metric[c] ?? "")}</td>`).join("")}<td>${fmtNum(Number(s.value[1]))}</td></tr>`);
    return `<table><tr>${cols.map((c) => `<th>${esc(ren[c] ?? c)}</th>`).join("")}<th>${esc(ren.Value ?? "Value")}</th></tr>${rows.join("")}</table>`;
  }
  if (p.type === "bargauge") {
    const r = await prom.query(substitute(targets[0].expr, vars), t1);
    const vals = r.map((s) => ({ name: legend(targets[0].legendFormat, s.metric), v: Number(s.value[1]) }));
    const max = Math.max(1, ...vals.map((x) => x.v));
    const bh = Math.min(26, (h - 4) / Math.max(1, vals.length));
    return `<svg width="${w}" height="${h}">${vals.map((x, i) => `<text class="lg" x="8" y="${i * bh + bh * 0.65}">${esc(x.name)}</text>
      <rect x="150" y="${i * bh + 3}" width="${(w - 220) * (x.v / max)}" height="${bh - 6}" fill="${COLORS[i % COLORS.length]}" opacity="0.85"/>
      <text class="lg" x="${w - 60}" y="${i * bh + bh * 0.65}">${fmtNum(x.v, unit)}</text>`).join("")}</svg>`;
  }
  // timeseries
  const series: Array<{ name: string; pts: Array<[number, number]> }> = [];
  for (const t of targets) {
    const r = await prom.queryRange(substitute(t.expr, vars), t0, t1, 2);
    for (const s of r) series.push({ name: legend(t.legendFormat, s.metric), pts: s.values.map(([x, y]) => [x, Number(y)] as [number, number]).filter(([, y]) => Number.isFinite(y)) });
  }
  const lw = Math.min(260, w * 0.38), pw = w - lw - 44, ph = h - 22;
  const ymax = Math.max(1e-9, ...series.flatMap((s) => s.pts.map(([, y]) => y))) * 1.1;
  const X = (x: number) => 40 + ((x - t0) / (t1 - t0)) * pw, Y = (y: number) => 6 + ph - (y / ymax) * ph;
  const grid = [0, 0.5, 1].map((f) => `<line x1="40" x2="${40 + pw}" y1="${Y(ymax * f / 1.1)}" y2="${Y(ymax * f / 1.1)}" stroke="#2c3235"/><text class="ax" x="2" y="${Y(ymax * f / 1.1) + 3}">${fmtNum(ymax * f / 1.1)}</text>`).join("");
  const lines = series.map((s, i) => `<polyline fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="1.5" points="${s.pts.map(([x, y]) => `${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(" ")}"/>`).join("");
  const leg = series.slice(0, Math.floor(h / 15)).map((s, i) => `<rect x="${w - lw}" y="${i * 15 + 4}" width="10" height="3" fill="${COLORS[i % COLORS.length]}"/><text class="lg" x="${w - lw + 14}" y="${i * 15 + 9}">${esc(s.name.slice(0, 38))}</text>`).join("");
  const empty = series.length === 0 ? `<text class="ax" x="${40 + pw / 2 - 20}" y="${ph / 2}">No data</text>` : "";
  return `<svg width="${w}" height="${h}">${grid}${lines}${leg}${empty}<text class="ax" x="40" y="${h - 2}">−${Math.round(t1 - t0)} s</text><text class="ax" x="${40 + pw - 20}" y="${h - 2}">now</text></svg>`;
}

await main();
