// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { feedExportFilter } from '../../../../renderer/features/export/FeedExport';
import { wallSvgMarkup } from '../../../../renderer/features/export/wall-png';

describe('the wall PNG', () => {
  it('wraps the wall in an SVG foreignObject with the styles inlined and the theme on the SVG root', () => {
    const root = document.createElement('div');
    root.className = 'wall';
    root.textContent = 'post <b>& "x"';
    const svg = wallSvgMarkup(
      root,
      ':root[data-theme="light"] { --bg: #fff }',
      { width: 300, height: 200 },
      {
        theme: 'light',
        largeType: 'true',
      },
    );
    const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(parsed.querySelector('parsererror')).toBeNull();
    expect(parsed.documentElement.getAttribute('data-theme')).toBe('light');
    expect(parsed.documentElement.getAttribute('data-large-type')).toBe('true');
    expect(parsed.querySelector('style')?.textContent).toContain('--bg: #fff');
    expect(parsed.querySelector('foreignObject')?.textContent).toBe('post <b>& "x"');
  });

  it('exports the feed with its search words as the filter', () => {
    expect(feedExportFilter({ searchQuery: '  ' })).toEqual({});
    expect(feedExportFilter({ searchQuery: ' refund ' })).toEqual({ text: 'refund' });
  });
});
