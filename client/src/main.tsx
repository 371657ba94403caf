import 'maplibre-gl/dist/maplibre-gl.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/client';
import { App } from './app/App';
import { loadClientConfig } from './config';
import { I18nProvider } from './i18n/I18n';
import type { Lang } from './lib/format';

const config = loadClientConfig(window.location.search);
const api = new ApiClient(config.apiBase, (input, init) => fetch(input, init));

function storedLang(): Lang {
  try {
    return window.localStorage.getItem(config.langStorageKey) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

function rememberLang(lang: Lang): void {
  try {
    window.localStorage.setItem(config.langStorageKey, lang);
  } catch {
    // Storage may be disabled (private mode); the choice then lasts for this page only.
  }
}

const root = document.getElementById('root');
if (!root) throw new Error('#root missing in index.html');
createRoot(root).render(
  <StrictMode>
    <I18nProvider initialLang={storedLang()} onLangChange={rememberLang}>
      <App api={api} testHooks={config.testHooks} />
    </I18nProvider>
  </StrictMode>,
);
