import { useEffect, useState } from 'react';
import { nextScene, type Scene } from './scenes';

/** The scene on show: advances every `intervalMs` (null holds it) unless `held` (a takeover, an open drill-down). */
export function useRotation(intervalMs: number | null, held: boolean): [Scene, (scene: Scene) => void] {
  const [scene, setScene] = useState<Scene>('overview');
  useEffect(() => {
    if (intervalMs === null || held) return;
    const timer = setInterval(() => setScene(nextScene), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, held, scene]);
  return [scene, setScene];
}
