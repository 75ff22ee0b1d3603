// Imported first by every component test (they run under `// @vitest-environment jsdom`).
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, expect, vi, type MockInstance } from 'vitest';

/**
 * The box every element has. jsdom does no layout (every size is 0), so without one the virtualized feed would
 * render no rows and the volume chart would stay unsized.
 */
export const ELEMENT_BOX = { width: 640, height: 240 } as const;

for (const [name, value] of [
  ['clientWidth', ELEMENT_BOX.width],
  ['clientHeight', ELEMENT_BOX.height],
  ['offsetWidth', ELEMENT_BOX.width],
  ['offsetHeight', ELEMENT_BOX.height],
] as const) {
  Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
}

/**
 * jsdom has no ResizeObserver. This one reports {@link ELEMENT_BOX} once per observed element, when
 * observation starts, as a browser does after the first layout.
 */
class FixedSizeResizeObserver implements ResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}

  observe(target: Element): void {
    const { width, height } = ELEMENT_BOX;
    const box: ResizeObserverSize = { inlineSize: width, blockSize: height };
    const entry: ResizeObserverEntry = {
      target,
      contentRect: DOMRectReadOnly.fromRect({ width, height }),
      borderBoxSize: [box],
      contentBoxSize: [box],
      devicePixelContentBoxSize: [box],
    };
    this.callback([entry], this);
  }

  unobserve(): void {}

  disconnect(): void {}
}

globalThis.ResizeObserver ??= FixedSizeResizeObserver;

let consoleErrors: MockInstance<typeof console.error>;

// React reports misuse (an update outside act(), a missing key, an invalid DOM prop) through console.error:
// in a component test each of those is a failure, not noise.
beforeEach(() => {
  consoleErrors = vi.spyOn(console, 'error');
});

afterEach(() => {
  cleanup();
  expect(consoleErrors.mock.calls).toEqual([]);
  consoleErrors.mockRestore();
});
