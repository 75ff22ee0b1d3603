import type { Incident } from '../../../shared/incident';
import { SEVERITIES, type Severity } from '../../../shared/severity';
import type { Measures, Workflow } from '../../../shared/workflow';

/** One stored incident with its workflow. */
export interface Owned {
  readonly incident: Incident;
  readonly workflow: Workflow;
}

const inPeriod = (t: number | null, from: number, to: number): t is number => t !== null && t >= from && t < to;
const mean = (xs: ReadonlyArray<number>): number | null =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * How well the team responded over [from, to) of hub time. Per severity, over incidents opened in the
 * period (merged-away ones left out): how many, mean time to acknowledge (of those acknowledged before `to`)
 * and to resolve (of those people resolved before `to`; automatic resolutions are not a response), and the
 * SLA breaches that happened in the period. Open incidents at `to`, oldest first. Per detection rule, the
 * incidents resolved in the period and how many of them were false alarms. Pure.
 */
export function computeMeasures(all: ReadonlyArray<Owned>, from: number, to: number): Measures {
  const live = all.filter((o) => o.workflow.mergedInto === null && o.incident.openedAt < to);
  return {
    from,
    to,
    bySeverity: SEVERITIES.map((severity) => severityRow(live, severity, from, to)),
    openByAge: live
      .filter((o) => o.workflow.state !== 'resolved' || (o.workflow.resolvedAt ?? 0) >= to)
      .sort((a, b) => a.incident.openedAt - b.incident.openedAt || a.incident.id.localeCompare(b.incident.id))
      .map((o) => ({ id: o.incident.id, severity: o.incident.severity, ageMs: to - o.incident.openedAt })),
    falseAlarmsByRule: falseAlarms(live, from, to),
  };
}

function severityRow(live: ReadonlyArray<Owned>, severity: Severity, from: number, to: number) {
  const mine = live.filter((o) => o.incident.severity === severity);
  const opened = mine.filter((o) => inPeriod(o.incident.openedAt, from, to));
  const acked = opened.flatMap(({ incident, workflow }) =>
    workflow.acknowledgedAt !== null && workflow.acknowledgedAt < to
      ? [workflow.acknowledgedAt - incident.openedAt]
      : [],
  );
  const resolved = opened.flatMap(({ incident, workflow }) =>
    workflow.resolvedAt !== null && workflow.resolvedAt < to && workflow.resolution?.kind !== 'auto'
      ? [workflow.resolvedAt - incident.openedAt]
      : [],
  );
  const slaBreaches = mine.reduce(
    (n, { workflow: { sla } }) =>
      n + Number(inPeriod(sla.acknowledgeBreachedAt, from, to)) + Number(inPeriod(sla.resolveBreachedAt, from, to)),
    0,
  );
  return { severity, opened: opened.length, mttaMs: mean(acked), mttrMs: mean(resolved), slaBreaches };
}

function falseAlarms(live: ReadonlyArray<Owned>, from: number, to: number): Measures['falseAlarmsByRule'] {
  const byRule = new Map<string, { resolved: number; falseAlarms: number }>();
  for (const { incident, workflow } of live) {
    if (workflow.state !== 'resolved' || !inPeriod(workflow.resolvedAt, from, to)) continue;
    const row = byRule.get(incident.evidence.series) ?? { resolved: 0, falseAlarms: 0 };
    row.resolved += 1;
    if (workflow.resolution?.kind === 'false-alarm') row.falseAlarms += 1;
    byRule.set(incident.evidence.series, row);
  }
  return [...byRule]
    .map(([rule, row]) => ({ rule, ...row }))
    .sort((a, b) => b.falseAlarms - a.falseAlarms || a.rule.localeCompare(b.rule));
}
