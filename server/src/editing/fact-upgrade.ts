import { factSpecs, hasFactValue } from '../../../geodata/rules/facts';
import type { Catalog, CollectionDef } from '../catalog/catalog';
import { CONFIDENCE, isOneOf } from '../contract/vocabulary';
import { type Actor, type FeatureStore, VersionConflict } from '../store/feature-store';

/** Who the history names for the upgrade's changes. */
export const UPGRADE_ACTOR: Actor = { username: 'lcmap-upgrade' };

type Properties = Record<string, unknown>;
type SchemaProperty = { type?: unknown };

function declared(collection: CollectionDef): Record<string, SchemaProperty> {
  const props = collection.propertiesSchema.properties;
  return typeof props === 'object' && props !== null ? (props as Record<string, SchemaProperty>) : {};
}

function emptyValue(def: SchemaProperty | undefined): unknown {
  const types = Array.isArray(def?.type) ? def.type : [def?.type];
  if (types.includes('array')) return [];
  return types.includes('null') ? null : undefined;
}

/**
 * The properties of a feature stored before its collection had site facts, brought to the
 * schema, or undefined when nothing needs changing. Pure.
 * - A text property the schema no longer declares (the free-text `infrastructure` and `contact`
 *   of clusters before issue 15) moves into `notes`, labelled, so nothing typed is lost; other
 *   undeclared values are dropped (the history keeps them).
 * - A declared property that is missing is added empty (null, or [] for a list).
 * - A fact that has a value but no provenance takes the record's own `source` and `confidence`,
 *   which vouched for it before facts had their own.
 */
export function upgradedProperties(
  properties: Properties,
  collection: CollectionDef,
): Properties | undefined {
  const specs = factSpecs(collection.propertiesSchema);
  if (specs.length === 0) return undefined;
  const schema = declared(collection);
  const next: Properties = {};
  const moved: string[] = [];
  for (const [key, value] of Object.entries(properties)) {
    if (key in schema) next[key] = value;
    else if (typeof value === 'string' && value.trim() !== '')
      moved.push(`${key} (before site facts): ${value}`);
  }
  for (const [key, def] of Object.entries(schema)) {
    if (key in next) continue;
    const empty = emptyValue(def);
    if (empty !== undefined) next[key] = empty;
  }
  if (moved.length > 0 && 'notes' in schema) {
    const notes = typeof next.notes === 'string' && next.notes !== '' ? `${next.notes}\n` : '';
    next.notes = `${notes}${moved.join('\n')}`;
  }
  for (const spec of specs) {
    const valued = [spec.property, ...spec.with].some((p) => hasFactValue(next[p]));
    if (!valued || hasFactValue(next[spec.source]) || hasFactValue(next[spec.confidence])) continue;
    if (typeof next.source === 'string' && isOneOf(CONFIDENCE, next.confidence)) {
      next[spec.source] = next.source;
      next[spec.confidence] = next.confidence;
    }
  }
  return JSON.stringify(next) === JSON.stringify(properties) ? undefined : next;
}

/**
 * Upgrades every stored feature of the collections with site facts (see upgradedProperties),
 * through the store, each as a `patch` version recorded in the history by `lcmap-upgrade`.
 * Runs at every start and finds nothing to do once done. Several instances may run it at once:
 * a feature another one upgraded first (VersionConflict) is left to it. Returns how many changed.
 */
export async function upgradeStoredFacts(store: FeatureStore, catalog: Catalog): Promise<number> {
  let changed = 0;
  const pageSize = 1000;
  for (const collection of catalog.collections) {
    if (factSpecs(collection.propertiesSchema).length === 0) continue;
    for (let offset = 0; ; offset += pageSize) {
      const page = await store.queryFeatures(collection.id, { limit: pageSize, offset });
      for (const f of page.features) {
        const properties = upgradedProperties(f.properties, collection);
        if (!properties) continue;
        try {
          const content = { properties, geometry: f.geometry };
          await store.replaceFeature(collection.id, f.id, content, f.version, UPGRADE_ACTOR, 'patch');
          changed += 1;
        } catch (err) {
          if (!(err instanceof VersionConflict)) throw err;
        }
      }
      if (page.features.length < pageSize) break;
    }
  }
  return changed;
}
