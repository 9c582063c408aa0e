import { StrictMode, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider, unstableSetRender } from 'antd';
// The ES modules of the locales: antd/locale/* re-exports the CommonJS build, whose default export the bundle does not unwrap.
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'antd/dist/reset.css';
import './styles.css';
import { App } from './App';
import { LoadErrorBoundary } from './components/LoadErrorBoundary';
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
// antd's date pickers format with dayjs: its locale follows the app's (month and weekday names, week start).
const setDayjsLocale = (lang: Lang) => dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
setDayjsLocale(currentLang);

function Root() {
  const [lang, setLang] = useState<Lang>(currentLang);
  const onLangChange = useCallback((next: Lang) => {
    currentLang = next;
    setDayjsLocale(next);
    setLang(next);
  }, []);
  return (
    <I18nProvider onChange={onLangChange}>
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme}>
        <AntApp message={{ maxCount: 3 }}>
          <LoadErrorBoundary>
            <App />
          </LoadErrorBoundary>
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
