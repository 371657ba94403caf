import 'maplibre-gl/dist/maplibre-gl.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/client';
import { App } from './app/App';
import { loadClientConfig } from './config';
import { I18nProvider, initialLanguage } from './i18n/I18n';
import type { Lang } from './lib/format';
import { linkLanguage } from './lib/urlState';

const config = loadClientConfig(window.location.search);
const api = new ApiClient(config.apiBase, (input, init) => fetch(input, init));

function storedLang(): string | null {
  try {
    return window.localStorage.getItem(config.langStorageKey);
  } catch {
    return null;
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
    <I18nProvider
      initialLang={initialLanguage({
        link: linkLanguage(window.location.hash),
        stored: storedLang(),
        browser: navigator.languages ?? [navigator.language],
      })}
      onLangChange={rememberLang}
    >
      <App api={api} testHooks={config.testHooks} embed={config.embed} />
    </I18nProvider>
  </StrictMode>,
);
