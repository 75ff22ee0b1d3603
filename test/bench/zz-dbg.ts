import { createDetector } from '../../electron/core/detect';
import { createIncidentEngine, feedInOrder } from '../../electron/core/incidents';
import { airlineMentions, readAirlineRows } from '../unit/incidents/airline';
const rows = await readAirlineRows();
const ms = airlineMentions(rows, (_t, row) => ({ sentiment: { label: row.airline_sentiment === 'negative' ? 'negative' : row.airline_sentiment === 'positive' ? 'positive' : 'neutral', score: 0, confidence: 1 }, topics: row.negativereason === 'Cancelled Flight' ? [{ topic: 'cancellation', terms: [] }] : [], language: 'en', authorWeight: 1, vip: false })).sort((a, b) => a.createdAt - b.createdAt);
const det = createDetector();
const scores: string[] = [];
const wrapped = { newState: det.newState, update: (s: any, t: number, v: number) => { const sc = det.update(s, t, v); if ((s as any).__tag && t >= Date.parse('2015-02-22T19:50:00Z') && t < Date.parse('2015-02-22T21:00:00Z')) scores.push(`${new Date(t).toISOString().slice(11,16)} ${v}:${sc.toFixed(2)}`); return sc; } };
const engine = createIncidentEngine({ detector: wrapped, params: { scoreThreshold: 0.75 } });
const cut = Date.parse('2015-02-22T19:55:00Z');
feedInOrder(engine, ms.filter((m) => m.createdAt < cut));
const st = engine.exportState() as any;
for (const [k, v] of st.series) if (k.startsWith('["American","*","volume"')) { v.det.__tag = 1; }
// re-import with tag
engine.importState(st);
const st2 = engine.exportState() as any;
for (const [k, v] of st2.series) if (k === '["American","*","volume"]') { (v.det as any).__tag = 1; console.log(k, v.level, v.seen, JSON.stringify(v.det).slice(0, 300)); }
engine.importState(st2);
feedInOrder(engine, ms.filter((m) => m.createdAt >= cut && m.createdAt < Date.parse('2015-02-22T21:00:00Z')));
console.log(scores.join(' | '));
const st3 = engine.exportState() as any;
for (const [k, v] of st3.series) if (k.startsWith('["American","*"')) console.log(k, v.level.toFixed(3), v.recent);
console.log(st3.incidents.filter((r: any) => r.watchlist === 'American'), st3.pending);
