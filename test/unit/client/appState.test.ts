import { describe, expect, it } from 'vitest';
import { appReducer, initialAppState } from '../../../client/src/app/state';
import { linkSchema } from '../../../client/src/catalog/catalog';
import { decodeUrlState } from '../../../client/src/lib/urlState';
import { shippedCatalog } from './catalog.fixture';

const { catalog } = shippedCatalog();
const start = () => initialAppState(decodeUrlState('', linkSchema(catalog)));

describe('app state: selection and the edit tab', () => {
  it('selecting a feature opens the details tab by default', () => {
    const s = appReducer(start(), { type: 'select', ref: { collection: 'landmarks', id: 3 } });
    expect(s.tab).toBe('details');
    expect(s.selected).toEqual({ collection: 'landmarks', id: 3 });
  });

  it('a selection made while editing keeps the edit tab in front', () => {
    const editing = appReducer(start(), { type: 'tab', tab: 'edit' });
    const s = appReducer(editing, { type: 'select', ref: { collection: 'facilities', id: 7 }, tab: 'edit' });
    expect(s.tab).toBe('edit');
    expect(s.selected).toEqual({ collection: 'facilities', id: 7 });
  });

  it('clearing the selection leaves the tab as it was', () => {
    const editing = appReducer(start(), { type: 'tab', tab: 'edit' });
    expect(appReducer(editing, { type: 'select', ref: undefined }).tab).toBe('edit');
  });
});

describe('app state: filters', () => {
  it('setting a filter to undefined removes it (the link then has no such key)', () => {
    const on = appReducer(start(), { type: 'filter', key: 'craft', value: 'forging' });
    expect(on.filters).toEqual({ craft: 'forging' });
    expect(appReducer(on, { type: 'filter', key: 'craft', value: undefined }).filters).toEqual({});
  });
});

describe('editable collections (catalog)', () => {
  it('are the point layers and clusters, never districts or the province', () => {
    expect([...catalog.editable].sort()).toEqual([
      'craft-villages',
      'facilities',
      'industrial-clusters',
      'landmarks',
    ]);
  });
});
