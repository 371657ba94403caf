import type { FeatureCollection } from 'geojson';
import { CONFIDENCE } from '../../../server/src/contract/vocabulary';
import { type AreaFeature, toDistrictAreas } from '../../rules/districts';
import { factSpecs } from '../../rules/facts';
import type { RawIndicatorRow } from '../../rules/indicator-rows';
import { createAjv } from '../../rules/json-schema';
import { checkCitationLangs, checkRowCitationLangs } from './citation-lang.check';
import { checkFeaturesInDistricts } from './district-membership.check';
import { checkGeometries } from './geometry.check';
import { checkArticleGrowth, checkIndicatorSums } from './indicators.check';
import type { Problem } from './problem';
import { checkFacts, checkIndicatorProvenance, checkProvenance } from './provenance.check';
import { checkRowsSchema, checkSchema, checkSharedVocabulary } from './schema.check';
import { checkSharedBorders } from './shared-borders.check';
import { checkRowSourceKinds, checkSourceKinds, type SourceKinds } from './source-kinds.check';

export { checkCitationLangs, checkRowCitationLangs } from './citation-lang.check';
export { checkFeaturesInDistricts } from './district-membership.check';
export { checkGeometries } from './geometry.check';
export { checkArticleGrowth, checkIndicatorSums } from './indicators.check';
export type { Problem } from './problem';
export { checkFacts, checkIndicatorProvenance, checkProvenance } from './provenance.check';
export { checkRowsSchema, checkSchema, checkSharedVocabulary } from './schema.check';
export { checkSharedBorders } from './shared-borders.check';

/** Everything the checks need, already loaded (the script does the I/O). */
export interface GeodataBundle {
  collections: { id: string; data: FeatureCollection; schema: object; geometryTypes: string[] }[];
  indicators: RawIndicatorRow[];
  indicatorSchema: object;
  /** geodata/source-kinds.json: the acceptable (and rejected) kinds of cited source. */
  sourceKinds: SourceKinds;
}

/** One named check and the problems it found. */
export interface CheckResult {
  name: string;
  problems: Problem[];
}

/** The properties holding the sources of a schema's site facts (their URLs are checked too). */
function factSourceProperties(schema: object): string[] {
  return factSpecs(schema).map((s) => s.source);
}

/** Runs every check over the bundle, in a fixed order. Pure: no I/O. */
export function runAllChecks(bundle: GeodataBundle): CheckResult[] {
  const ajv = createAjv();
  const byId = (id: string) => bundle.collections.find((c) => c.id === id)?.data;
  const districtsFc = byId('districts');
  const provinceFc = byId('province');
  const province = provinceFc?.features[0] as AreaFeature | undefined;
  const districts = districtsFc ? toDistrictAreas(districtsFc) : [];
  const each = (fn: (c: GeodataBundle['collections'][number]) => Problem[]) => bundle.collections.flatMap(fn);
  const missing = (what: string): Problem[] => [
    { check: 'missing', collection: what, message: `${what} is missing` },
  ];
  return [
    {
      name: 'schema and unique integer ids',
      problems: [
        ...each((c) => checkSchema(c.id, c.data, c.schema, c.geometryTypes, ajv)),
        ...checkRowsSchema('indicators', bundle.indicators, bundle.indicatorSchema, ajv),
        ...each((c) => checkSharedVocabulary(c.id, c.schema)),
        ...checkSharedVocabulary('indicators', bundle.indicatorSchema, { status: CONFIDENCE }),
      ],
    },
    {
      name: 'valid geometries inside the province',
      problems: province
        ? each((c) => checkGeometries(c.id, c.data.features, province))
        : missing('province'),
    },
    {
      name: 'features inside their district',
      problems: each((c) =>
        c.id === 'districts' || c.id === 'province'
          ? []
          : checkFeaturesInDistricts(c.id, c.data.features, districts),
      ),
    },
    {
      name: 'district borders shared exactly',
      problems: province ? checkSharedBorders(districts, province) : missing('province'),
    },
    { name: 'indicator splits add up to province totals', problems: checkIndicatorSums(bundle.indicators) },
    { name: "article's growth figures recompute", problems: checkArticleGrowth(bundle.indicators) },
    {
      name: 'source and confidence on every record; illustrative marked',
      problems: [
        ...each((c) => checkProvenance(c.id, c.data.features)),
        ...checkIndicatorProvenance(bundle.indicators),
      ],
    },
    {
      name: 'site facts: a value has its own source and confidence, a missing one has none',
      problems: each((c) => checkFacts(c.id, c.data.features, c.schema)),
    },
    {
      name: 'every cited URL is an acceptable kind of source (source-kinds.json)',
      problems: [
        ...each((c) =>
          checkSourceKinds(c.id, c.data.features, bundle.sourceKinds, factSourceProperties(c.schema)),
        ),
        ...checkRowSourceKinds(bundle.indicators, bundle.sourceKinds),
      ],
    },
    {
      name: 'every citation says its language (source_lang), matching its words',
      problems: [
        ...each((c) => checkCitationLangs(c.id, c.data.features, c.schema)),
        ...checkRowCitationLangs(bundle.indicators),
      ],
    },
  ];
}
