import { describe, expect, it } from 'vitest';
import type { PropertySchema } from '../../../client/src/api/schema';
import { formatProperty, splitCitation } from '../../../client/src/features/inspect/formatProperty';

const schema: PropertySchema = {
  properties: {
    area_ha: { type: 'number', title: 'Area', 'x-title-vi': 'Diện tích', 'x-unit': { vi: 'ha', en: 'ha' } },
    status: {
      enum: ['planned', 'operating'],
      'x-enum-titles': {
        planned: { vi: 'Quy hoạch', en: 'Planned' },
        operating: { vi: 'Đang hoạt động', en: 'Operating' },
      },
    },
  },
};
const yesNo = { yes: 'yes', no: 'no' };

describe('formatProperty', () => {
  it('formats numbers with locale and unit, years plain', () => {
    expect(formatProperty(schema, 'area_ha', 1250.5, 'vi', yesNo)).toEqual({
      kind: 'text',
      text: '1.250,5 ha',
    });
    expect(formatProperty(schema, 'status_year', 2012, 'vi', yesNo)).toEqual({ kind: 'text', text: '2012' });
  });

  it('shows enum titles in the language and hides empty values', () => {
    expect(formatProperty(schema, 'status', 'operating', 'en', yesNo)).toEqual({
      kind: 'text',
      text: 'Operating',
    });
    expect(formatProperty(schema, 'status', null, 'en', yesNo)).toBeUndefined();
  });

  it('links only http(s) URLs', () => {
    expect(formatProperty(schema, 'x', 'https://laocai.gov.vn/a', 'en', yesNo)?.kind).toBe('link');
    expect(formatProperty(schema, 'x', 'javascript:alert(1)', 'en', yesNo)?.kind).toBe('text');
  });

  it('splits a citation into text and links', () => {
    const parts = splitCitation('Báo Lào Cai; https://baolaocai.vn/x; see also');
    expect(parts.map((p) => p.kind)).toEqual(['text', 'link', 'text']);
  });
});
