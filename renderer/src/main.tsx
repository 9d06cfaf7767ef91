import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './api';
import { App } from './App';
import { initI18n, pickLanguage } from './i18n/i18n';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  const api = getApi();
  void (async () => {
    // The language chosen in the switcher last time (settings.json), unless ?lang= says.
    const remembered = await api.settingsGet({}).catch(() => null);
    const language = remembered?.ok ? remembered.value.language : null;
    await initI18n(pickLanguage(window.location.search, navigator.languages, language));
    createRoot(root).render(
      <StrictMode>
        <App api={api} />
      </StrictMode>,
    );
  })();
}
