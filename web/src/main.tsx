import { StrictMode, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider, unstableSetRender } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import 'antd/dist/reset.css';
import './styles.css';
import { App } from './App';
import { theme } from './theme';
import { configureApi } from './api/client';
import { I18nProvider, readStoredLang } from './i18n/I18nProvider';
import type { Lang } from './i18n/messages';

// antd 5 renders its pop-ups (message, Modal.confirm) with the legacy ReactDOM.render,
// which React 19 removed: hand it createRoot instead (what @ant-design/v5-patch-for-react-19 does).
type RootHost = Element & { _reactRoot?: ReturnType<typeof createRoot> };
unstableSetRender((node, container) => {
  const host = container as RootHost;
  host._reactRoot ??= createRoot(container);
  const root = host._reactRoot;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    delete host._reactRoot;
  };
});

let currentLang: Lang = readStoredLang();
configureApi({ getLang: () => currentLang });

function Root() {
  const [lang, setLang] = useState<Lang>(currentLang);
  const onLangChange = useCallback((next: Lang) => {
    currentLang = next;
    setLang(next);
  }, []);
  return (
    <I18nProvider onChange={onLangChange}>
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme}>
        <AntApp message={{ maxCount: 3 }}>
          <App />
        </AntApp>
      </ConfigProvider>
    </I18nProvider>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
