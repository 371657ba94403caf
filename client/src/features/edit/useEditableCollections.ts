import { useEffect, useMemo, useState } from 'react';
import type { LocalizedText } from '../../../../server/src/contract/api';
import type { ApiClient } from '../../api/client';
import type { Lang } from '../../lib/format';

/** What the editor knows of a collection: the catalog's words (from `/api/collections`). */
export interface EditorCollection {
  id: string;
  title: LocalizedText;
  /** The property that names a feature. */
  label: string;
  /** GeoJSON geometry types the collection accepts (also what can be drawn). */
  geometryTypes: readonly string[];
  /** The catalog lets staff edit it (the server still decides per user). */
  editable: boolean;
}

export interface EditableCollection {
  id: string;
  label: string;
  geometryTypes: readonly string[];
}

/** The catalog's editable collections, in catalog order, named in the language. */
export function editableCatalog(collections: readonly EditorCollection[], lang: Lang): EditableCollection[] {
  return collections
    .filter((c) => c.editable)
    .map((c) => ({ id: c.id, label: c.title[lang], geometryTypes: c.geometryTypes }));
}

/**
 * The editable collections this user may create features in now: catalog `editable: true` and
 * `POST` in the `Allow` of `OPTIONS …/items` (the server decides by role).
 */
export function useEditableCollections(api: ApiClient, collections: readonly EditorCollection[], lang: Lang) {
  const [allowed, setAllowed] = useState<ReadonlySet<string> | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    const ids = collections.filter((c) => c.editable).map((c) => c.id);
    Promise.all(
      ids.map((id) =>
        api
          .allowedMethods(id, ctrl.signal)
          .then((methods) => (methods.includes('POST') ? id : null))
          .catch(() => null),
      ),
    ).then((ok) => {
      if (!ctrl.signal.aborted) setAllowed(new Set(ok.filter((id): id is string => id !== null)));
    });
    return () => ctrl.abort();
  }, [api, collections]);
  const list = useMemo(
    () => editableCatalog(collections, lang).filter((c) => allowed?.has(c.id)),
    [collections, allowed, lang],
  );
  return { status: allowed ? ('ready' as const) : ('loading' as const), list };
}
