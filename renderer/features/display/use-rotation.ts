import { useEffect, useState } from 'react';
import { nextScene, SCENES, type Scene } from './scenes';

/**
 * The scene on show among `scenes` (this display's, in order): advances every `intervalMs` (null holds it) unless
 * `held` (a takeover, an open drill-down).
 */
export function useRotation(
  intervalMs: number | null,
  held: boolean,
  scenes: ReadonlyArray<Scene> = SCENES,
): [Scene, (scene: Scene) => void] {
  const [scene, setScene] = useState<Scene>(scenes[0] ?? 'overview');
  useEffect(() => {
    if (intervalMs === null || held) return;
    const timer = setInterval(() => setScene((s) => nextScene(s, scenes)), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, held, scene, scenes]);
  return [scene, setScene];
}
