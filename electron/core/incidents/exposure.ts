/**
 * Share of voice: how busy the rest of a topic's channel is against its usual, so a topic that only rises with its
 * whole channel is not taken for a breakdown.
 */

/**
 * How much busier than usual the rest of a channel is: its other posts in the window over their usual count, at a
 * 2σ lower bound so chance wobble never counts. A failure topic is judged against its usual level times this:
 * a campaign or the morning climb lifts every topic with the volume (share of voice unchanged: no breakdown), and a
 * breakdown's knock-on topic rides on the breakdown's own posts (it joins it; it does not open its own). At least 1.
 */
export function exposureScale(othersWindow: number, othersExpected: number): number {
  if (othersExpected <= 0 || othersWindow <= 0) return 1;
  return Math.max(1, (othersWindow - 2 * Math.sqrt(othersWindow)) / othersExpected);
}

/** The rest of a topic's channel at a point: the channel's volume in the window, newest minute last. */
export interface Exposure {
  readonly volume: ReadonlyArray<number>;
}

/** Posts of the channel outside the topic in the window: volume's minutes minus the topic's, aligned newest first. */
function othersIn(volume: ReadonlyArray<number>, topic: ReadonlyArray<number>): number {
  let sum = 0;
  for (let j = 1; j <= volume.length; j++)
    sum += Math.max(0, (volume[volume.length - j] ?? 0) - (topic[topic.length - j] ?? 0));
  return sum;
}

/**
 * A topic's exposure scale: the rest of its channel in the window (`exposure` minus the topic's `recent` minutes)
 * against that rest's usual per minute, which is learned together with the topic's own level (and frozen with it
 * during an incident), so the level and its exposure describe the same hours. 1 until that usual is learned.
 */
export function topicScale(
  exposure: Exposure | undefined,
  recent: ReadonlyArray<number>,
  othersLevel: number | undefined,
  windowMinutes: number,
): number {
  if (exposure === undefined || othersLevel === undefined) return 1;
  return exposureScale(othersIn(exposure.volume, recent), othersLevel * windowMinutes);
}
