import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { takeTokenFromFragment } from './auth';
import { App } from './views/App';
import 'leaflet/dist/leaflet.css';
import 'uplot/dist/uPlot.min.css';
import './styles.css';

takeTokenFromFragment(location, history);
// A sign-in link opened in a tab already at /app changes only the fragment: the page starts again as the new token's holder.
addEventListener('hashchange', () => {
  if (takeTokenFromFragment(location, history)) location.reload();
});
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
