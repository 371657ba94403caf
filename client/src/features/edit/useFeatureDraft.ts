import type { Geometry } from 'geojson';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiFeature, FieldProblem } from '../../../../server/src/contract/api';
import type { ApiClient } from '../../api/client';
import type { FeatureSide } from './diff/diff.model';
import {
  type FieldDef,
  type FormValue,
  type FormValues,
  fieldOfPath,
  fieldsFromSchema,
  type PropertySchema,
  toFormValues,
  toProperties,
} from './form/form.model';
import { type FormIssues, validateForm } from './form/form.validation';

/** What is being edited: a new feature being drawn, or a stored one at a known version (ETag). */
export type Target =
  | { kind: 'none' }
  | { kind: 'new'; shape: 'point' | 'polygon' }
  | { kind: 'existing'; id: number; base: ApiFeature; etag: string };

export interface Draft {
  /** The collection whose schema `fields` come from ('' until it is loaded). */
  fieldsCollection: string;
  fields: FieldDef[];
  schemaError: unknown;
  target: Target;
  values: FormValues;
  geometry: Geometry | null;
  issues: FormIssues;
  /** Server field problems (422 `errors[]`) by form field name ('geometry' for the location). */
  serverErrors: Record<string, FieldProblem[]>;
  /** The feature the form and map describe now (what a save would send). */
  mine: FeatureSide;
  geometryChanged: boolean;
  setValue: (name: string, value: FormValue) => void;
  setGeometry: (g: Geometry | null) => void;
  setServerErrors: (errors: FieldProblem[]) => void;
  startNew: (shape: 'point' | 'polygon') => void;
  startExisting: (feature: ApiFeature, etag: string) => void;
  reset: () => void;
}

/** The form values, geometry and errors of the feature being edited in one collection. */
export function useFeatureDraft(api: ApiClient, collection: string): Draft {
  // The schema is kept with its collection: while another collection's schema loads, there are no
  // fields, so a feature picked in that collection is never opened with the previous one's fields.
  const [schema, setSchema] = useState<{ collection: string; schema: PropertySchema } | null>(null);
  const [schemaError, setSchemaError] = useState<unknown>(null);
  const [target, setTarget] = useState<Target>({ kind: 'none' });
  const [values, setValues] = useState<FormValues>({});
  const [geometry, setGeometry] = useState<Geometry | null>(null);
  const [serverErrors, setServerErrorMap] = useState<Record<string, FieldProblem[]>>({});

  useEffect(() => {
    const ctrl = new AbortController();
    setSchema(null);
    setSchemaError(null);
    setTarget({ kind: 'none' });
    // '' = no collection yet (the editable list is still loading): nothing to ask for.
    if (collection === '') return;
    api
      .schema(collection, ctrl.signal)
      .then((s) => setSchema({ collection, schema: s as PropertySchema }))
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setSchemaError(err);
      });
    return () => ctrl.abort();
  }, [api, collection]);

  const fieldsCollection = schema?.collection === collection ? collection : '';
  const fields = useMemo(
    () => (schema && schema.collection === collection ? fieldsFromSchema(schema.schema) : []),
    [schema, collection],
  );
  const issues = useMemo(() => validateForm(fields, values), [fields, values]);
  const baseProps = useMemo(
    () => (target.kind === 'existing' ? (target.base.properties ?? {}) : {}),
    [target],
  );
  const mine = useMemo<FeatureSide>(
    () => ({ geometry, properties: toProperties(fields, values, baseProps) }),
    [geometry, fields, values, baseProps],
  );
  const geometryChanged =
    target.kind !== 'existing' || JSON.stringify(target.base.geometry) !== JSON.stringify(geometry);

  const setValue = useCallback((name: string, value: FormValue) => {
    setValues((prev) => ({ ...prev, [name]: value }));
    setServerErrorMap((prev) => {
      if (!(name in prev)) return prev;
      const { [name]: _dropped, ...rest } = prev;
      return rest;
    });
  }, []);

  const setServerErrors = useCallback((errors: FieldProblem[]) => {
    const map: Record<string, FieldProblem[]> = {};
    for (const e of errors) {
      const name = fieldOfPath(e.field);
      map[name] = [...(map[name] ?? []), e];
    }
    setServerErrorMap(map);
  }, []);

  const startNew = useCallback(
    (shape: 'point' | 'polygon') => {
      setTarget({ kind: 'new', shape });
      setValues(toFormValues(fields, {}));
      setGeometry(null);
      setServerErrorMap({});
    },
    [fields],
  );

  const startExisting = useCallback(
    (feature: ApiFeature, etag: string) => {
      setTarget({ kind: 'existing', id: feature.id, base: feature, etag });
      setValues(toFormValues(fields, feature.properties ?? {}));
      setGeometry(feature.geometry ?? null);
      setServerErrorMap({});
    },
    [fields],
  );

  const reset = useCallback(() => {
    setTarget({ kind: 'none' });
    setValues({});
    setGeometry(null);
    setServerErrorMap({});
  }, []);

  return {
    fieldsCollection,
    fields,
    schemaError,
    target,
    values,
    geometry,
    issues,
    serverErrors,
    mine,
    geometryChanged,
    setValue,
    setGeometry,
    setServerErrors,
    startNew,
    startExisting,
    reset,
  };
}
