import type { Channel, SentimentLabel } from '../../../shared/mention';
import type { MentionSearch } from '../../../shared/search';

/** What a click on the display asks to see: the posts behind a KPI, a bar, a chart point or a topic. */
export interface DrillTarget {
  /** The panel's heading, e.g. "Reddit · 10:00–11:00". */
  readonly title: string;
  readonly from: number;
  readonly to: number;
  readonly channels?: ReadonlyArray<Channel>;
  readonly topic?: string;
  readonly sentiment?: SentimentLabel;
}

/** Posts one drill-down page holds. */
export const DRILL_PAGE = 50;

/** The `mentions:search` request for a target (and a cursor to read further back). */
export function drillSearch(target: DrillTarget, cursor?: string): MentionSearch {
  return {
    from: target.from,
    to: target.to,
    ...(target.channels && target.channels.length > 0 ? { channels: [...target.channels] } : {}),
    ...(target.topic !== undefined ? { topic: target.topic } : {}),
    ...(target.sentiment !== undefined ? { sentiment: target.sentiment } : {}),
    ...(cursor !== undefined ? { cursor } : {}),
    sort: 'time',
    limit: DRILL_PAGE,
  };
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** "10:00–11:00": a window in local clock time. */
export const windowLabel = (from: number, to: number): string => `${clock.format(from)}–${clock.format(to)}`;
