import { useMemo } from 'react';
import { SentimentTimeline } from '../../charts/SentimentTimeline';
import { TEST_IDS } from '../../test-ids';
import { windowLabel } from '../drilldown/drill-query';
import { lastHour, type SceneProps } from './display-context';
import { topicTrends } from './day-series';

const ARROW = { rising: '▲ rising', falling: '▼ falling', steady: '■ steady' } as const;

/** Failure topics rising or falling over the last hour, and the day's sentiment timeline. */
export function TopicsScene({ byTopic, cells, now, onDrill }: SceneProps) {
  const trends = useMemo(() => topicTrends(byTopic, now).slice(0, 6), [byTopic, now]);
  const hour = lastHour(now);
  return (
    <div className="scene-split">
      <ol className="topic-rows" aria-label="Failure topics, last hour against the hour before">
        {trends.length === 0 && <li className="scene-empty">No failure topics in the last two hours.</li>}
        {trends.map((t) => (
          <li key={t.topic} data-testid={TEST_IDS.topicRow} data-topic={t.topic} data-direction={t.direction}>
            <button
              type="button"
              className="topic-row"
              onClick={() =>
                onDrill({ title: `Topic ${t.topic} · ${windowLabel(hour.from, hour.to)}`, topic: t.topic, ...hour })
              }
            >
              <span className="topic-name">{t.topic}</span>
              <span className="topic-trend" data-direction={t.direction}>
                {ARROW[t.direction]}
              </span>
              <span className="topic-count">
                {t.now}
                <span className="kpi-unit"> /h (was {t.before})</span>
              </span>
            </button>
          </li>
        ))}
      </ol>
      <DayTimeline cells={cells} onDrill={onDrill} />
    </div>
  );
}

/** The day's timeline with its legend; a click opens that bucket's posts. */
export function DayTimeline({ cells, onDrill }: Pick<SceneProps, 'cells' | 'onDrill'>) {
  return (
    <section className="display-panel" aria-label="Sentiment today">
      <h3 className="panel-title">Sentiment today</h3>
      <div className="legend display-legend">
        <span>
          <span className="swatch" style={{ background: 'var(--chart-total-line)' }} /> posts per bar
        </span>
        <span>
          <span className="swatch line" style={{ background: 'var(--text)' }} /> net sentiment (−100…+100)
        </span>
        <span>
          <span className="swatch hatch" /> no data
        </span>
        <span>
          <span className="swatch partial" /> a source down
        </span>
      </div>
      <SentimentTimeline
        cells={cells}
        label="Posts and net sentiment today"
        onPick={(b) => onDrill({ title: `All posts · ${windowLabel(b.from, b.to)}`, from: b.from, to: b.to })}
      />
    </section>
  );
}
