import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import './global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initApiClient } from './api/client';
import { App } from './App';

initApiClient();

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
