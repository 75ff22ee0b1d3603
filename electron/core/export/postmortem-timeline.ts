import type { EvidenceCard } from '../../../shared/incident';
import { html, raw, type Html } from './html';

type Point = NonNullable<EvidenceCard['timeline']>[number];

const W = 720;
const H = 200;
const PAD = { top: 10, right: 10, bottom: 24, left: 40 };

const hhmm = (t: number): string => new Date(t).toISOString().slice(11, 16);

/** Points of a polyline through `values`, scaled into the plot. */
function polyline(
  points: ReadonlyArray<Point>,
  pick: (p: Point) => number,
  x: (t: number) => number,
  y: (v: number) => number,
): string {
  return points.map((p) => `${x(p.minute).toFixed(1)},${y(pick(p)).toFixed(1)}`).join(' ');
}

/**
 * The observed-vs-baseline timeline as static SVG (no script; the same picture the board draws) and, under
 * it, the minutes as a table, so the document holds the numbers and not only a drawing.
 */
export function timelineSection(evidence: EvidenceCard): Html {
  const points = evidence.timeline ?? [];
  if (points.length === 0)
    return html`<section id="timeline">
      <h2>Timeline</h2>
      <p>This incident's evidence carries no per-minute timeline.</p>
    </section>`;
  const first = points[0]?.minute ?? 0;
  const last = Math.max(points.at(-1)?.minute ?? first, first + 60_000);
  const top = Math.max(1, ...points.map((p) => Math.max(p.observed, p.baseline)));
  const x = (t: number): number => PAD.left + ((t - first) / (last - first)) * (W - PAD.left - PAD.right);
  const y = (v: number): number => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  const startX = evidence.startedAt >= first && evidence.startedAt <= last ? x(evidence.startedAt) : null;
  const svg = raw(
    `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Observed vs usual per minute">` +
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(0)}" y2="${y(0)}" stroke="#999"/>` +
      `<text x="${PAD.left - 6}" y="${y(top) + 4}" text-anchor="end" font-size="11">${top.toFixed(1)}</text>` +
      `<text x="${PAD.left - 6}" y="${y(0)}" text-anchor="end" font-size="11">0</text>` +
      `<text x="${PAD.left}" y="${H - 6}" font-size="11">${hhmm(first)} UTC</text>` +
      `<text x="${W - PAD.right}" y="${H - 6}" text-anchor="end" font-size="11">${hhmm(last)} UTC</text>` +
      `<polyline fill="none" stroke="#777" stroke-width="1.5" stroke-dasharray="4 3" points="${polyline(points, (p) => p.baseline, x, y)}"/>` +
      `<polyline fill="none" stroke="#b35c00" stroke-width="2" points="${polyline(points, (p) => p.observed, x, y)}"/>` +
      (startX === null
        ? ''
        : `<line x1="${startX}" x2="${startX}" y1="${PAD.top}" y2="${y(0)}" stroke="#0072b2" stroke-dasharray="2 2"/>`) +
      `</svg>`,
  );
  const rows = points.map(
    (p) =>
      html`<tr>
        <td>${new Date(p.minute).toISOString().slice(0, 16).replace('T', ' ')}</td>
        <td>${p.observed.toFixed(1)}</td>
        <td>${p.baseline.toFixed(1)}</td>
      </tr>`,
  );
  return html`<section id="timeline">
    <h2>Timeline</h2>
    <p>
      Per-minute posts on <code>${evidence.series}</code>: observed (solid) against the usual rate for that minute
      (dashed); the dotted line marks where the breakdown started.
    </p>
    ${svg}
    <table class="minutes">
      <thead>
        <tr>
          <th>Minute (UTC)</th>
          <th>Observed /min</th>
          <th>Usual /min</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </section>`;
}
