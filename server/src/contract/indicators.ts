import { type Static, Type } from 'typebox';
import { LocalizedText } from './common';
import { INDICATOR_STATUSES, SOURCE_LANGS } from './vocabulary';

const Status = Type.Enum(INDICATOR_STATUSES);
/** The language of the source citation's words (vocabulary.ts SOURCE_LANGS); null = unknown (e.g. imported). */
const SourceLang = Type.Union([Type.Enum(SOURCE_LANGS), Type.Null()]);

/** GET /api/indicators: what can be drawn as a choropleth. */
export const IndicatorMeta = Type.Object(
  {
    id: Type.String(),
    title: LocalizedText,
    unit: LocalizedText,
    /** Years with data; empty for computed indicators, which describe the current features. */
    years: Type.Array(Type.Integer()),
    computed: Type.Boolean(),
    /** Statuses present among the values (so the UI can warn about illustrative data). */
    statuses: Type.Array(Status),
    description: Type.Optional(LocalizedText),
  },
  { additionalProperties: false },
);
export type IndicatorMeta = Static<typeof IndicatorMeta>;

export const IndicatorsResponse = Type.Object(
  { indicators: Type.Array(IndicatorMeta) },
  { additionalProperties: false },
);
export type IndicatorsResponse = Static<typeof IndicatorsResponse>;

/** One district's value; `value` null means no data (the legend's "no data" swatch). */
export const DistrictIndicatorValue = Type.Object(
  {
    district_code: Type.String(),
    district_name: Type.String(),
    value: Type.Union([Type.Number(), Type.Null()]),
    status: Type.Union([Status, Type.Null()]),
    source: Type.Union([Type.String(), Type.Null()]),
    source_lang: SourceLang,
  },
  { additionalProperties: false },
);
export type DistrictIndicatorValue = Static<typeof DistrictIndicatorValue>;

/** GET /api/indicators/{indicator}?year=YYYY */
export const IndicatorValuesResponse = Type.Object(
  {
    indicator: Type.String(),
    title: LocalizedText,
    unit: LocalizedText,
    /** null for computed indicators (they describe the current features). */
    year: Type.Union([Type.Integer(), Type.Null()]),
    values: Type.Array(DistrictIndicatorValue),
    /** The province total as published (article figures), when there is one. */
    province: Type.Union([
      Type.Null(),
      Type.Object(
        { value: Type.Number(), status: Status, source: Type.String(), source_lang: SourceLang },
        { additionalProperties: false },
      ),
    ]),
  },
  { additionalProperties: false },
);
export type IndicatorValuesResponse = Static<typeof IndicatorValuesResponse>;
