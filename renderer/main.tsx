import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { WallProvider } from './app/wall-context';
import { connectStore } from './stores/connect-store';
import { frameAlignedScheduler } from './stores/frame-scheduler';
import { createWallStore } from './stores/wall-store';
import { loadSettings, syncDisplaySettings, syncReadiness } from './theme/settings-storage';
import { pickTransport } from './transport/pick-transport';
import './theme/wall.css';

const root = document.documentElement;
const prefersDark = window.matchMedia('(prefers-color-scheme: dark)').matches;
const store = createWallStore({ now: Date.now(), settings: loadSettings(window.localStorage, prefersDark) });
syncDisplaySettings(store, window.localStorage, root);
syncReadiness(store, root);

const transport = pickTransport(window);
connectStore(transport, store, frameAlignedScheduler(250));

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <WallProvider store={store} transport={transport}>
      <App />
    </WallProvider>
  </StrictMode>,
);
