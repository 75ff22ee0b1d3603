import { useCallback, useMemo, useState } from 'react';
import { assertNever } from '../../shared/assert-never';
import { MINUTE_MS } from '../../shared/series';
import { useTransport, useWall } from '../app/wall-context';
import { clockLabel, clockParts, useViewerNow } from '../features/display/clock-view';
import { ChannelsScene } from '../features/display/ChannelsScene';
import type { SceneProps } from '../features/display/display-context';
import { minuteCells } from '../features/display/day-series';
import { IncidentsScene } from '../features/display/IncidentsScene';
import { OverviewScene } from '../features/display/OverviewScene';
import { P1Takeover } from '../features/display/P1Takeover';
import {
  ignoredScenesNote,
  openIncidents,
  rotateMsFromSearch,
  SCENE_TITLES,
  scenesFromSearch,
  takeoverIncident,
  type Scene,
} from '../features/display/scenes';
import { TopicsScene } from '../features/display/TopicsScene';
import { useDisplayData, useLinkLostSince, useLiveBreakdowns } from '../features/display/use-display-data';
import { useRotation } from '../features/display/use-rotation';
import type { DrillTarget } from '../features/drilldown/drill-query';
import { DrillDownPanel } from '../features/drilldown/DrillDownPanel';
import { transportSearch } from '../features/drilldown/search-port';
import { startOfDay } from '../features/measures/measures-view';
import { TEST_IDS } from '../test-ids';
import './display.css';

/** The day the timeline covers: since local midnight of hub time, but at least the last six hours. */
const dayStart = (now: number): number =>
  Math.max(now - 24 * 60 * MINUTE_MS + MINUTE_MS, Math.min(startOfDay(now), now - 6 * 60 * MINUTE_MS));

function SceneBody({ scene, props }: { readonly scene: Scene; readonly props: SceneProps }) {
  switch (scene) {
    case 'overview':
      return <OverviewScene {...props} />;
    case 'channels':
      return <ChannelsScene {...props} />;
    case 'topics':
      return <TopicsScene {...props} />;
    case 'incidents':
      return <IncidentsScene {...props} />;
    default:
      return assertNever(scene, 'scene');
  }
}

interface SceneDotsProps {
  readonly scene: Scene;
  readonly scenes: ReadonlyArray<Scene>;
  readonly onPick: (s: Scene) => void;
}

function SceneDots({ scene, scenes, onPick }: SceneDotsProps) {
  return (
    <nav className="scene-dots" aria-label="Scenes" data-testid={TEST_IDS.sceneDots}>
      {scenes.map((s) => (
        <button key={s} type="button" aria-pressed={s === scene} onClick={() => onPick(s)} title={SCENE_TITLES[s]}>
          {s}
        </button>
      ))}
    </nav>
  );
}

/** Everything the scenes draw, from the store and the hub's display commands. */
function useSceneProps(onDrill: (t: DrillTarget) => void): SceneProps {
  const data = useDisplayData();
  const { byChannel, byTopic } = useLiveBreakdowns(data.series);
  const lost = useLinkLostSince();
  const now = useWall((s) => s.hub.now);
  const live = useWall((s) => s.series);
  const all = useWall((s) => s.incidents);
  const newest = useWall((s) => s.mentions.items[0]?.createdAt ?? null);
  const connected = lost === null;
  const cells = useMemo(
    () => minuteCells({ fetched: data.series, live, from: dayStart(now), now, connected }),
    [data.series, live, now, connected],
  );
  const incidents = useMemo(() => openIncidents(all.values()), [all]);
  const fetchedAt = data.kpis?.dataAt ?? null;
  const dataAt = newest === null ? fetchedAt : Math.max(newest, fetchedAt ?? newest);
  return { data, cells, byChannel, byTopic, incidents, now, linkLost: !connected, dataAt, onDrill };
}

/** The executive display (`?wall=1`): rotating scenes read from across the room; a P1 takes it over. */
export function ExecutiveDisplay() {
  const transport = useTransport();
  const search = useMemo(() => transportSearch(transport), [transport]);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const onDrill = useCallback((t: DrillTarget) => setDrill(t), []);
  const props = useSceneProps(onDrill);
  const lost = useLinkLostSince();
  const viewerNow = useViewerNow();
  const clock = clockParts(props.now, viewerNow);
  const all = useWall((s) => s.incidents);
  const takeover = useMemo(() => takeoverIncident(all.values()), [all]);
  const rotateMs = useMemo(() => rotateMsFromSearch(window.location.search), []);
  const choice = useMemo(() => scenesFromSearch(window.location.search), []);
  const [scene, setScene] = useRotation(rotateMs, takeover !== null || drill !== null, choice.scenes);
  const note = ignoredScenesNote(choice);
  const shown = takeover === null ? scene : 'takeover';
  return (
    <div className="wall-main display" data-testid={TEST_IDS.layoutDisplay} data-scene={shown}>
      <header className="display-head">
        <h2 className="scene-title">{takeover === null ? SCENE_TITLES[scene] : 'P1 breakdown'}</h2>
        <SceneDots scene={scene} scenes={choice.scenes} onPick={setScene} />
        <time
          className="display-clock"
          data-testid={TEST_IDS.displayClock}
          dateTime={new Date(props.now).toISOString()}
        >
          {clock.date !== null && <span className="clock-date">{clock.date}</span>}
          {clock.time}
        </time>
      </header>
      {note !== null && (
        <p className="display-note" role="note" data-testid={TEST_IDS.displayScenesNote}>
          {note}
        </p>
      )}
      {lost !== null && (
        <p className="hub-lost" role="alert" data-testid={TEST_IDS.hubLost}>
          Lost the hub at {clockLabel(lost.hubTime, lost.localTime, true)} — figures frozen since then, reconnecting…
        </p>
      )}
      <div className="display-body" data-testid={TEST_IDS.displayScene} data-scene={shown}>
        {takeover !== null ? (
          <P1Takeover incident={takeover} now={props.now} onDrill={onDrill} />
        ) : (
          <SceneBody scene={scene} props={props} />
        )}
      </div>
      {drill !== null && (
        <DrillDownPanel
          key={`${drill.title}:${drill.from}`}
          target={drill}
          search={search}
          onClose={() => setDrill(null)}
        />
      )}
    </div>
  );
}
