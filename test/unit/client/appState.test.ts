import { describe, expect, it } from 'vitest';
import { EDITABLE_COLLECTIONS } from '../../../client/src/app/derive';
import { appReducer, initialAppState } from '../../../client/src/app/state';
import { decodeUrlState } from '../../../client/src/lib/urlState';

const start = () => initialAppState(decodeUrlState(''));

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

describe('editable collections (catalog)', () => {
  it('are the point layers and clusters, never districts or the province', () => {
    expect([...EDITABLE_COLLECTIONS].sort()).toEqual([
      'craft-villages',
      'facilities',
      'industrial-clusters',
      'landmarks',
    ]);
  });
});
