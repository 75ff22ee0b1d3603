import { describe, expect, it } from 'vitest';
import { formatSpan, incidentTimes, renderPostmortem } from '../../../electron/core/export/postmortem';
import { escapeHtml, safeHref } from '../../../electron/core/export/html';
import { workflowRecord } from '../../helpers/workflow';
import { incident, MINUTE, T0 } from '../workflow/fixtures';

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';

const timeline = [0, 1, 2, 3].map((i) => ({ minute: T0 - (3 - i) * MINUTE, observed: 2 + i * 5, baseline: 1.5 }));

const hostileIncident = () =>
  incident('inc_1', {
    title: `Login ${HOSTILE}`,
    evidence: {
      ...incident('inc_1').evidence,
      timeline,
      representativePosts: [
        {
          id: 'x:1',
          channel: 'x',
          url: 'javascript:alert(3)',
          author: `evil${HOSTILE}`,
          text: `cannot log in ${HOSTILE}`,
          createdAt: T0 - MINUTE,
          duplicates: 2,
        },
      ],
    },
    workflow: workflowRecord({
      state: 'resolved',
      owner: 'Ravi',
      acknowledgedAt: T0 + 4 * MINUTE,
      resolvedAt: T0 + 65 * MINUTE,
      notes: [{ id: 'n1', at: T0 + 5 * MINUTE, author: 'Ravi', text: `note ${HOSTILE}` }],
      audit: [
        {
          at: T0 + 4 * MINUTE,
          actor: { id: 'u', name: 'Ravi', role: 'supervisor', desk: 'board' },
          action: 'incident:acknowledge',
          detail: '',
        },
      ],
    }),
  });

describe('the post-mortem HTML', () => {
  it('holds the timeline (drawing and minutes), the evidence, the actions and MTTA/MTTR', () => {
    const doc = renderPostmortem(hostileIncident(), T0 + 70 * MINUTE);
    expect(doc).toContain('<section id="timeline">');
    expect(doc).toContain('<polyline');
    for (const p of timeline) expect(doc).toContain(new Date(p.minute).toISOString().slice(0, 16).replace('T', ' '));
    expect(doc.replace(/\s+</g, '<')).toContain('<td>2026-01-05 09:00</td><td>17.0</td><td>1.5</td>');
    expect(doc).toContain('<dd id="mtta">4 min 00 s</dd>');
    expect(doc).toContain('<dd id="mttr">1 h 05 min</dd>');
    expect(doc).toContain('<code>incident:acknowledge</code>');
    expect(doc).toContain('score 0.990, 11.7× baseline');
  });

  it('escapes every piece of untrusted text and never links a non-http URL; no script can run', () => {
    const doc = renderPostmortem(hostileIncident(), T0);
    expect(doc).not.toContain('<script>');
    expect(doc).not.toContain('<img');
    expect(doc).not.toContain('javascript:');
    expect(doc).toContain(escapeHtml(HOSTILE));
    expect(doc).toContain("default-src 'none'");
  });

  it('measures from when the incident opened; unacknowledged is a dash', () => {
    expect(incidentTimes(incident('a'))).toEqual({ mttaMs: null, mttrMs: null });
    expect(formatSpan(null)).toBe('—');
    expect(formatSpan(90_500)).toBe('1 min 31 s');
    expect(safeHref('https://x.com/a?b=<c>')).toBe('https://x.com/a?b=%3Cc%3E');
    expect(safeHref('data:text/html,hi')).toBeNull();
  });
});
