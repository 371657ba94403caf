import { useCallback, useState } from 'react';
import type { ApiFeature } from '../../../../server/src/contract/api';
import { ApiError } from '../../api/ApiError';
import type { ApiClient, FeatureInput, Versioned } from '../../api/client';
import { reapplyOnTop } from './diff/diff.model';
import { changedProperties } from './form/form.model';
import type { EditKey } from './i18n/useEditText';
import type { Draft } from './useFeatureDraft';
import { writeErrorMessage } from './writeErrorMessage';

export interface Conflict {
  server: ApiFeature | undefined;
  serverVersion: number | undefined;
}

export type Notice = { key: EditKey; params?: Record<string, string | number>; error: boolean } | null;

export interface SaveFlow {
  busy: boolean;
  notice: Notice;
  conflict: Conflict | null;
  /** Set after a save attempt so every form issue shows. */
  attempted: boolean;
  /** Bumped whenever a save is refused (by the form's checks or a 400/422): focus the first marked field. */
  invalidSeq: number;
  save: () => Promise<void>;
  remove: () => Promise<void>;
  reloadServerVersion: () => Promise<void>;
  reapplyMine: () => Promise<void>;
  dismissConflict: () => void;
  clearNotice: () => void;
}

export interface SaveEvents {
  onSaved: (result: Versioned) => void;
  onDeleted: (id: number) => void;
  onSessionExpired: () => void;
  /** A feature's name for notices (by the collection's label property). */
  nameOf: (feature: ApiFeature) => string;
}

function featureInput(draft: Draft, properties: Record<string, unknown>): FeatureInput {
  return { type: 'Feature', geometry: draft.geometry as FeatureInput['geometry'], properties };
}

/**
 * Save (POST new / PATCH changed attributes / PUT when the geometry changed), delete, and the
 * 412 flow: keep the server's current version for the conflict dialog, then either reload it or
 * re-apply the editor's changes on top of it with its new ETag.
 */
export function useSaveFlow(api: ApiClient, collection: string, draft: Draft, events: SaveEvents): SaveFlow {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [invalidSeq, setInvalidSeq] = useState(0);

  const fail = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.status === 412) {
        setConflict({ server: err.current, serverVersion: err.currentVersion });
        return;
      }
      if (err instanceof ApiError && err.fieldErrors.length > 0) {
        draft.setServerErrors(err.fieldErrors);
        setInvalidSeq((n) => n + 1);
      }
      if (err instanceof ApiError && err.status === 401) events.onSessionExpired();
      const m = writeErrorMessage(err);
      setNotice({ ...m, error: true });
    },
    [draft, events],
  );

  const done = useCallback(
    (result: Versioned, sent: Record<string, unknown>) => {
      draft.startExisting(result.feature, result.etag);
      setAttempted(false);
      const version = result.etag.replace(/\D/g, '') || '?';
      // The server sets a location-derived field (district_code) when it was empty or contradicted.
      const derived = draft.fields.find((f) => f.fromLocation)?.name;
      const stored = derived ? result.feature.properties?.[derived] : undefined;
      const filled = derived !== undefined && typeof stored === 'string' && stored !== sent[derived];
      setNotice(
        filled
          ? { key: 'editor.savedDistrictSet', params: { version, district: stored }, error: false }
          : { key: 'editor.saved', params: { version }, error: false },
      );
      events.onSaved(result);
    },
    [draft, events],
  );

  const run = useCallback(
    async (write: () => Promise<void>) => {
      setBusy(true);
      setNotice(null);
      try {
        await write();
      } catch (err) {
        fail(err);
      } finally {
        setBusy(false);
      }
    },
    [fail],
  );

  const save = useCallback(async () => {
    const { target } = draft;
    setAttempted(true);
    if (target.kind === 'none') return;
    const invalid = Object.keys(draft.issues).length;
    if (invalid > 0 || !draft.geometry) {
      if (invalid > 0) setInvalidSeq((n) => n + 1);
      setNotice(
        invalid > 0
          ? { key: 'editor.formInvalid', params: { count: invalid }, error: true }
          : { key: 'editor.geometryMissing', error: true },
      );
      return;
    }
    const properties = draft.mine.properties ?? {};
    await run(async () => {
      if (target.kind === 'new') {
        done(await api.create(collection, featureInput(draft, properties)), properties);
      } else if (draft.geometryChanged) {
        done(
          await api.replace(collection, target.id, featureInput(draft, properties), target.etag),
          properties,
        );
      } else {
        const patch = { properties: changedProperties(properties, target.base.properties ?? {}) };
        done(await api.patch(collection, target.id, patch, target.etag), properties);
      }
    });
  }, [api, collection, draft, done, run]);

  const remove = useCallback(async () => {
    const { target } = draft;
    if (target.kind !== 'existing') return;
    await run(async () => {
      try {
        await api.remove(collection, target.id, target.etag);
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 412)) throw err;
        // Someone changed it since it was opened: show their version instead of deleting blind.
        const fresh = await api.getFeatureWithEtag(collection, target.id);
        draft.startExisting(fresh.feature, fresh.etag);
        setNotice({ key: 'conflict.title', error: true });
        return;
      }
      const name = events.nameOf(target.base);
      draft.reset();
      setNotice({ key: 'editor.deleted', params: { name }, error: false });
      events.onDeleted(target.id);
    });
  }, [api, collection, draft, events, run]);

  const reloadServerVersion = useCallback(async () => {
    const { target } = draft;
    if (target.kind !== 'existing') return;
    await run(async () => {
      const fresh = await api.getFeatureWithEtag(collection, target.id);
      setConflict(null);
      draft.startExisting(fresh.feature, fresh.etag);
    });
  }, [api, collection, draft, run]);

  const reapplyMine = useCallback(async () => {
    const { target } = draft;
    if (target.kind !== 'existing') return;
    await run(async () => {
      const fresh = await api.getFeatureWithEtag(collection, target.id);
      const merged = reapplyOnTop(target.base, fresh.feature, draft.mine);
      setConflict(null);
      done(
        await api.replace(collection, target.id, { type: 'Feature', ...merged } as FeatureInput, fresh.etag),
        merged.properties ?? {},
      );
    });
  }, [api, collection, draft, done, run]);

  return {
    busy,
    notice,
    conflict,
    attempted,
    invalidSeq,
    save,
    remove,
    reloadServerVersion,
    reapplyMine,
    dismissConflict: () => setConflict(null),
    clearNotice: () => setNotice(null),
  };
}
