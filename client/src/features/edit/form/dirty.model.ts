import type { Geometry } from 'geojson';
import { type FieldDef, type FormValues, toFormValues } from './form.model';

/** The part of a draft that decides whether it holds unsaved work. */
export interface DirtyInput {
  /** 'none': nothing open; 'new': a feature being drawn; 'existing': a stored one (its base). */
  target:
    | { kind: 'none' }
    | { kind: 'new' }
    | { kind: 'existing'; base: { geometry: Geometry | null; properties: Record<string, unknown> | null } };
  fields: FieldDef[];
  values: FormValues;
  geometry: Geometry | null;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * True when leaving the draft would lose work: for a stored feature, any editable field's input or
 * the geometry differs from the version it was opened at; for a new feature, a shape was drawn or
 * any input differs from the empty form. Nothing open is never dirty. Computed fields are ignored
 * (the user cannot change them).
 */
export function isDraftDirty({ target, fields, values, geometry }: DirtyInput): boolean {
  if (target.kind === 'none') return false;
  const start =
    target.kind === 'existing'
      ? toFormValues(fields, target.base.properties ?? {})
      : toFormValues(fields, {});
  const inputChanged = fields.some(
    (f) => !f.computed && values[f.name] !== undefined && !same(values[f.name], start[f.name]),
  );
  if (inputChanged) return true;
  return target.kind === 'existing' ? !same(target.base.geometry, geometry) : geometry !== null;
}
