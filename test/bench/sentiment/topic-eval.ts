import {
  compileTaxonomy,
  DEFAULT_TAXONOMY,
  mergeTaxonomy,
  tagTopics,
  type Taxonomy,
} from '../../../electron/core/pipeline/enrich';
import type { AirlineTweet } from './airline';

/** How an airline brand would extend the default taxonomy: baggage and booking topics, airline delay words. */
export const AIRLINE_OVERRIDE = {
  topics: [
    {
      id: 'luggage',
      label: 'Baggage',
      terms: ['luggage', 'bag', 'bags', 'baggage', 'suitcase*', 'carousel', 'checked bag*', 'lost bag*'],
    },
    {
      id: 'booking',
      label: 'Booking',
      terms: [
        'book*',
        'reservation*',
        'rebook*',
        'itinerary',
        'ticket*',
        'change my flight',
        'change flight',
        'confirmation number',
        'boarding pass*',
        'booking site',
      ],
    },
    {
      id: 'delivery',
      terms: [
        'on time',
        'tarmac',
        'missed my connection',
        'missed connection',
        'missed connecting',
        'sitting on the plane',
        'still sitting',
      ],
    },
  ],
};

/** negativereason values -> the topic that should catch them. */
export const REASON_TOPIC: Readonly<Record<string, string>> = {
  'Cancelled Flight': 'cancellation',
  'Late Flight': 'delivery',
  'Customer Service Issue': 'customer_service',
  'Lost Luggage': 'luggage',
  'Damaged Luggage': 'luggage',
  'Flight Booking Problems': 'booking',
};

/** Precision and recall of one topic. */
export interface TopicScore {
  readonly topic: string;
  readonly gold: number;
  readonly tagged: number;
  readonly precision: number;
  readonly recall: number;
}

/** The default taxonomy with the airline override applied. */
export function airlineTaxonomy(): Taxonomy {
  const merged = mergeTaxonomy(DEFAULT_TAXONOMY, AIRLINE_OVERRIDE);
  if (!merged.ok) throw new Error(merged.error.message);
  return merged.value;
}

/**
 * Scores topic tagging on the negative tweets (the only ones with a reason). Each tweet has ONE crowd reason
 * while tagging is multi-label, so precision here is a lower bound.
 */
export function scoreTopics(tweets: ReadonlyArray<AirlineTweet>, transform: (text: string) => string): TopicScore[] {
  const compiled = compileTaxonomy(airlineTaxonomy());
  const topics = [...new Set(Object.values(REASON_TOPIC))];
  const counts = new Map(topics.map((t) => [t, { gold: 0, tagged: 0, tp: 0 }]));
  for (const tw of tweets) {
    if (tw.sentiment !== 'negative' || tw.reason === '') continue;
    const tagged = new Set(tagTopics(transform(tw.text), compiled).map((h) => h.topic));
    const goldTopic = REASON_TOPIC[tw.reason];
    for (const [topic, c] of counts) {
      const isGold = goldTopic === topic;
      if (isGold) c.gold += 1;
      if (tagged.has(topic)) {
        c.tagged += 1;
        if (isGold) c.tp += 1;
      }
    }
  }
  return topics.map((topic) => {
    const c = counts.get(topic) ?? { gold: 0, tagged: 0, tp: 0 };
    return {
      topic,
      gold: c.gold,
      tagged: c.tagged,
      precision: c.tagged ? c.tp / c.tagged : 0,
      recall: c.gold ? c.tp / c.gold : 0,
    };
  });
}

/** Micro-averaged precision and recall over the mapped topics. */
export function microAverage(scores: ReadonlyArray<TopicScore>): {
  readonly precision: number;
  readonly recall: number;
} {
  let tp = 0,
    tagged = 0,
    gold = 0;
  for (const s of scores) {
    tp += s.precision * s.tagged;
    tagged += s.tagged;
    gold += s.gold;
  }
  return { precision: tagged ? tp / tagged : 0, recall: gold ? tp / gold : 0 };
}
