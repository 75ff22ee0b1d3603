import type { Incident, MentionRef } from '../../../shared/incident';
import type { Workflow } from '../../../shared/workflow';
import { html, raw, safeHref, type Html } from './html';
import { timelineSection } from './postmortem-timeline';

/** Response times of one incident, in ms (null: not acknowledged / not resolved). */
export interface IncidentTimes {
  readonly mttaMs: number | null;
  readonly mttrMs: number | null;
}

/** Time to acknowledge and time to resolve, from when the incident opened. */
export function incidentTimes(incident: Incident): IncidentTimes {
  const w = incident.workflow;
  const acked = w?.acknowledgedAt ?? null;
  const resolved = w?.resolvedAt ?? incident.resolvedAt;
  return {
    mttaMs: acked === null ? null : Math.max(0, acked - incident.openedAt),
    mttrMs: resolved === null ? null : Math.max(0, resolved - incident.openedAt),
  };
}

const utc = (t: number | null | undefined): string =>
  t === null || t === undefined ? '—' : `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** A duration as "1 h 05 min", "12 min 30 s" or "—". */
export function formatSpan(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;color:#14181d;max-width:800px;margin:24px auto;padding:0 16px}
h1{font-size:22px}h2{font-size:17px;border-bottom:1px solid #cfd6de;padding-bottom:2px;margin-top:24px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dt{color:#4d5866}dd{margin:0}
table{border-collapse:collapse;width:100%;margin:6px 0}td,th{border:1px solid #cfd6de;padding:2px 6px;text-align:left;font-size:12px}
blockquote{margin:6px 0;padding:4px 10px;border-left:3px solid #b35c00}
.minutes{font-variant-numeric:tabular-nums}svg{max-width:100%;height:auto}@media print{section{break-inside:avoid-page}}`;

function summary(incident: Incident): Html {
  const w = incident.workflow;
  const t = incidentTimes(incident);
  const resolution = w?.resolution ?? null;
  return html`<section id="summary">
    <h2>Summary</h2>
    <dl>
      <dt>Severity</dt>
      <dd>${incident.severity}</dd>
      <dt>State</dt>
      <dd>${w?.state ?? incident.state}</dd>
      <dt>Owner</dt>
      <dd>${w?.owner ?? 'none'}</dd>
      <dt>Watchlist</dt>
      <dd>${incident.watchlist}</dd>
      <dt>Channels</dt>
      <dd>${incident.channels.join(', ')}</dd>
      <dt>Opened</dt>
      <dd>${utc(incident.openedAt)}</dd>
      <dt>Acknowledged</dt>
      <dd>${utc(w?.acknowledgedAt)}</dd>
      <dt>Escalated</dt>
      <dd>${utc(w?.escalatedAt)}</dd>
      <dt>Resolved</dt>
      <dd>${utc(w?.resolvedAt ?? incident.resolvedAt)}</dd>
      <dt>MTTA</dt>
      <dd id="mtta">${formatSpan(t.mttaMs)}</dd>
      <dt>MTTR</dt>
      <dd id="mttr">${formatSpan(t.mttrMs)}</dd>
      ${
        resolution === null
          ? null
          : html`<dt>Resolution</dt>
              <dd>${resolution.kind} by ${resolution.by}${resolution.note === '' ? '' : `: ${resolution.note}`}</dd>`
      }
    </dl>
  </section>`;
}

function post(p: MentionRef): Html {
  const href = safeHref(p.url);
  const source = href === null ? null : html` · <a href="${href}" rel="noopener noreferrer">source</a>`;
  const dupes = p.duplicates > 0 ? ` · +${p.duplicates} similar` : '';
  return html`<blockquote>
    <small>${p.channel} · @${p.author} · ${utc(p.createdAt)}${dupes}${source}</small><br />${p.text}
  </blockquote>`;
}

function evidence(incident: Incident): Html {
  const e = incident.evidence;
  const pct = (n: number): string => `${Math.round(n * 100)}%`;
  return html`<section id="evidence">
    <h2>Evidence</h2>
    <dl>
      <dt>Series</dt>
      <dd><code>${e.series}</code></dd>
      <dt>Observed vs usual</dt>
      <dd>${e.observedPerMinute.toFixed(1)}/min vs ${e.baselinePerMinute.toFixed(1)}/min</dd>
      <dt>Detector</dt>
      <dd>${e.statistic}</dd>
      <dt>Started</dt>
      <dd>${utc(e.startedAt)}</dd>
      <dt>Negative share</dt>
      <dd>${pct(e.sentimentShift.baselineNegativeShare)} usual → ${pct(e.sentimentShift.observedNegativeShare)}</dd>
      <dt>Rising terms</dt>
      <dd>${e.risingTerms.map((t) => `“${t.term}” ×${t.lift.toFixed(1)} (${t.count})`).join(', ') || '—'}</dd>
      <dt>Topics</dt>
      <dd>${e.topics.map((t) => `${t.topic} (${t.count})`).join(', ') || '—'}</dd>
      <dt>Source mix</dt>
      <dd>${e.sourceMix.map((m) => `${m.channel} ${m.count}`).join(', ') || '—'}</dd>
    </dl>
    ${
      e.firstPost === null
        ? null
        : html`<h3>First post</h3>
            ${post(e.firstPost)}`
    }
    ${
      e.representativePosts.length === 0
        ? null
        : html`<h3>Representative posts</h3>
            ${e.representativePosts.map(post)}`
    }
  </section>`;
}

function actions(w: Workflow | undefined): Html {
  if (w === undefined)
    return html`<section id="actions">
      <h2>Actions</h2>
      <p>No workflow record.</p>
    </section>`;
  const audit = w.audit.map(
    (a) =>
      html`<tr>
        <td>${utc(a.at)}</td>
        <td>${a.actor.name} (${a.actor.role}${a.actor.desk === '' ? '' : ` @ ${a.actor.desk}`})</td>
        <td><code>${a.action}</code></td>
        <td>${a.detail}</td>
      </tr>`,
  );
  const notes = w.notes.map((n) => html`<li>${utc(n.at)} · ${n.author}: ${n.text}</li>`);
  const deliveries = w.deliveries.map(
    (d) =>
      html`<tr>
        <td>${d.targetId} (${d.targetKind})</td>
        <td>${d.transition}</td>
        <td>${d.status}</td>
        <td>${d.attempts}</td>
        <td>${d.lastError ?? '—'}</td>
      </tr>`,
  );
  return html`<section id="actions">
    <h2>Actions</h2>
    <table>
      <thead>
        <tr>
          <th>When</th>
          <th>Who</th>
          <th>Action</th>
          <th>Detail</th>
        </tr>
      </thead>
      <tbody>
        ${audit}
      </tbody>
    </table>
    ${
      w.holdingReply === null || w.holdingReply === ''
        ? null
        : html`<h3>Holding reply</h3>
            <blockquote>${w.holdingReply}</blockquote>`
    }
    ${
      notes.length === 0
        ? null
        : html`<h3>Notes</h3>
            <ul>
              ${notes}
            </ul>`
    }
    ${
      deliveries.length === 0
        ? null
        : html`<h3>Deliveries</h3>
            <table>
              <thead>
                <tr>
                  <th>Target</th>
                  <th>Transition</th>
                  <th>Status</th>
                  <th>Attempts</th>
                  <th>Last error</th>
                </tr>
              </thead>
              <tbody>
                ${deliveries}
              </tbody>
            </table>`
    }
  </section>`;
}

/**
 * An incident's post-mortem as one self-contained HTML document: summary with MTTA/MTTR, the observed-vs-usual
 * timeline (SVG and table), the evidence, and what people did. Every piece of text is escaped (post text is
 * untrusted), and a CSP meta tag forbids scripts and any fetch, so the file is safe to open or print anywhere.
 */
export function renderPostmortem(incident: Incident, generatedAt: number): string {
  const doc = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta
          http-equiv="Content-Security-Policy"
          content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        />
        <title>Post-mortem: ${incident.title}</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <h1>Post-mortem: ${incident.title}</h1>
        <p>
          <small>Incident <code>${incident.id}</code> · generated ${utc(generatedAt)} by Earshot</small>
        </p>
        ${summary(incident)}${timelineSection(incident.evidence)}${evidence(incident)}${actions(incident.workflow)}
      </body>
    </html> `;
  return doc.html;
}
