import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { takeTokenFromFragment } from './auth';
import { App } from './views/App';
import 'leaflet/dist/leaflet.css';
import 'uplot/dist/uPlot.min.css';
import './styles.css';

takeTokenFromFragment(location, history);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
