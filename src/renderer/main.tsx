import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { prefetchTasks } from './stores/task-store';
import { cssFontFamily, REPORT_BODY_FONTS, REPORT_HEADING_FONTS, UI_FONTS } from '../shared/fonts';
import './styles/app.css';

// the font stacks have one home (shared/fonts.ts); CSS reads them as custom properties
const fonts = { '--font-ui': UI_FONTS, '--font-report-body': REPORT_BODY_FONTS, '--font-report-heading': REPORT_HEADING_FONTS };
for (const [property, stack] of Object.entries(fonts)) document.documentElement.style.setProperty(property, cssFontFamily(stack));

prefetchTasks();
const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
