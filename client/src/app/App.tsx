import type { ApiClient } from '../api/client';
import type { EditApi } from '../api/writes';
import { useI18n } from '../i18n/I18n';
import { MapScreen } from './MapScreen';
import { useAppData } from './useAppData';

interface Props {
  api: ApiClient;
  editApi: EditApi;
  testHooks: boolean;
}

/** Layout root: loads the data, then shows the map screen (or a loading / error message). */
export function App({ api, editApi, testHooks }: Props) {
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
    const key = `error.${data.error.code}` as 'error.NotFound';
    const known = ['NotFound', 'NetworkError', 'InvalidParameterValue'].includes(data.error.code);
    const detail = known ? t(key) : t('error.generic', { status: data.error.status });
    return (
      <p className="status error" role="alert" data-testid="app-error">
        {t('app.error', { detail })}
      </p>
    );
  }
  return (
    <MapScreen
      api={api}
      editApi={editApi}
      data={data.data}
      reloadCollection={data.reload}
      testHooks={testHooks}
    />
  );
}
