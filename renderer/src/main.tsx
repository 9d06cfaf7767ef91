import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './api';
import { App } from './App';
import { initI18n, pickLanguage } from './i18n/i18n';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  void initI18n(pickLanguage(window.location.search, navigator.languages)).then(() => {
    createRoot(root).render(
      <StrictMode>
        <App api={getApi()} />
      </StrictMode>,
    );
  });
}
