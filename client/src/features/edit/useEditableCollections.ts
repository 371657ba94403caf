import { useEffect, useMemo, useState } from 'react';
import catalog from '../../../../geodata/schema/collections.json';
import type { ApiClient } from '../../api/client';
import type { Lang } from '../../lib/format';

export interface EditableCollection {
  id: string;
  label: string;
  /** GeoJSON geometry types the collection accepts (from the catalog). */
  geometryTypes: string[];
}

/** Catalog collections marked editable (geodata/schema/collections.json), in catalog order. */
export function editableCatalog(lang: Lang): EditableCollection[] {
  return catalog.collections
    .filter((c) => c.editable)
    .map((c) => ({ id: c.id, label: c.title[lang], geometryTypes: c.geometryTypes }));
}

/**
 * The editable collections this user may create features in now: catalog `editable: true` and
 * `POST` in the `Allow` of `OPTIONS …/items` (the server decides by role).
 */
export function useEditableCollections(api: ApiClient, lang: Lang) {
  const [allowed, setAllowed] = useState<ReadonlySet<string> | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    const ids = editableCatalog('en').map((c) => c.id);
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
  }, [api]);
  const list = useMemo(() => editableCatalog(lang).filter((c) => allowed?.has(c.id)), [allowed, lang]);
  return { status: allowed ? ('ready' as const) : ('loading' as const), list };
}
