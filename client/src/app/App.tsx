import type { ApiClient } from '../api/client';
import { messageKeyFor } from '../api/problemMessage';
import { useI18n } from '../i18n/I18n';
import { MapScreen } from './MapScreen';
import { useAppData } from './useAppData';

interface Props {
  api: ApiClient;
  testHooks: boolean;
  /** The minimal read-only view for an iframe. */
  embed?: boolean;
}

/** Layout root: loads the data, then shows the map screen (or a loading / error message). */
export function App({ api, testHooks, embed = false }: Props) {
  const { t } = useI18n();
  const data = useAppData(api);
  if (data.status === 'loading') {
    return (
      <p className="status" role="status" data-testid="app-loading">
        {t('app.loading')}
      </p>
    );
  }
  if (data.status === 'error') {
    const key = messageKeyFor(data.error, {
      byCode: {
        NotFound: 'error.NotFound',
        NetworkError: 'error.NetworkError',
        InvalidParameterValue: 'error.InvalidParameterValue',
      },
      fallback: 'error.generic',
    });
    const detail = t(key, { status: data.error.status });
    return (
      <p className="status error" role="alert" data-testid="app-error">
        {t('app.error', { detail })}
      </p>
    );
  }
  return <MapScreen api={api} data={data.data} updates={data} testHooks={testHooks} embed={embed} />;
}
