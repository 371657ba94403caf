import { useEditText } from './i18n/useEditText';
import type { EditableCollection } from './useEditableCollections';

interface Props {
  collections: EditableCollection[];
  active: string;
  disabled: boolean;
  onCollection: (id: string) => void;
  onNew: (shape: 'point' | 'polygon') => void;
}

/** Choose the collection to edit, and "new point" / "new polygon" as its geometry types allow. */
export function CollectionToolbar({ collections, active, disabled, onCollection, onNew }: Props) {
  const { t } = useEditText();
  const types = collections.find((c) => c.id === active)?.geometryTypes ?? [];
  return (
    <>
      <label htmlFor="editor-collection">{t('editor.collection')}</label>
      <select
        id="editor-collection"
        value={active}
        disabled={disabled}
        onChange={(e) => onCollection(e.target.value)}
        data-testid="editor-collection"
      >
        {collections.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      <div className="actions">
        {types.includes('Point') && (
          <button type="button" onClick={() => onNew('point')} data-testid="editor-new-point">
            {t('editor.newPoint')}
          </button>
        )}
        {types.includes('Polygon') && (
          <button type="button" onClick={() => onNew('polygon')} data-testid="editor-new-polygon">
            {t('editor.newPolygon')}
          </button>
        )}
      </div>
    </>
  );
}
