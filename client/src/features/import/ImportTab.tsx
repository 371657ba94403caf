import { lazy, Suspense } from 'react';
import { useI18n } from '../../i18n/I18n';
import type { ImportPanelProps } from './ImportPanel';

// The import UI and its strings load only when the Import tab first opens.
const ImportPanel = lazy(() => import('./ImportPanel'));

/** The side panel's Import tab (staff in edit mode): the lazily loaded import panel. */
export function ImportTab(props: ImportPanelProps) {
  const { t } = useI18n();
  return (
    <Suspense
      fallback={
        <p role="status" data-testid="import-loading">
          {t('import.loading')}
        </p>
      }
    >
      <ImportPanel {...props} />
    </Suspense>
  );
}
