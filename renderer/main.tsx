import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { WallProvider } from './app/wall-context';
import { browserNotifyEnv, syncNotifications } from './features/notify/browser-notifications';
import { connectStore } from './stores/connect-store';
import { frameAlignedScheduler } from './stores/frame-scheduler';
import { createWallStore } from './stores/wall-store';
import { publicModeFromSearch } from './stores/floor-slice';
import { loadSettings, syncDisplaySettings, syncReadiness } from './theme/settings-storage';
import { pickTransport } from './transport/pick-transport';
import './theme/fonts.css';
import './theme/wall.css';

const root = document.documentElement;
const prefersDark = window.matchMedia('(prefers-color-scheme: dark)').matches;
const store = createWallStore({
  now: Date.now(),
  settings: loadSettings(window.localStorage, prefersDark, window.location.search),
});
store.getState().setPublicMode(publicModeFromSearch(window.location.search));
syncDisplaySettings(store, window.localStorage, root);
syncReadiness(store, root);

const transport = pickTransport(window);
connectStore(transport, store, frameAlignedScheduler(250));
// The desktop app notifies from its main process; a browser tab notifies itself.
if (transport.kind === 'websocket') syncNotifications(store, browserNotifyEnv(window));

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <WallProvider store={store} transport={transport}>
      <App />
    </WallProvider>
  </StrictMode>,
);
