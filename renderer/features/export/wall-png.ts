/**
 * A PNG of the wall as it is on screen, made in the page: the wall's DOM is serialized into an SVG
 * `<foreignObject>` with the page's own style rules inlined, drawn into a canvas and encoded as PNG. Chosen over
 * a hub-side screenshot because it shows exactly this screen (its layout, theme, open panels), needs no browser
 * on the hub, and works the same on every host; the desktop app also offers the OS-level `capturePage` from its
 * tray. Nothing leaves the page: the image is built from a data: URL (allowed by the wall's CSP).
 */

/** The CSS text of every same-origin style sheet on the page. */
export function pageStyles(doc: Document = document): string {
  return [...doc.styleSheets]
    .flatMap((sheet) => {
      try {
        return [...sheet.cssRules].map((r) => r.cssText);
      } catch {
        return []; // A cross-origin sheet cannot be read: the wall has none.
      }
    })
    .join('\n');
}

const escapeXml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * The SVG document picturing `root` at `width`×`height`: the root element's data attributes (theme, large type)
 * are copied onto the SVG root, which is `:root` inside the image, so the theme's variables apply.
 */
export function wallSvgMarkup(
  root: Element,
  styles: string,
  size: { readonly width: number; readonly height: number },
  rootData: Readonly<Record<string, string | undefined>>,
): string {
  const body = new XMLSerializer().serializeToString(root);
  const attrs = Object.entries(rootData)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => ` data-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${escapeXml(v)}"`)
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}"${attrs}>` +
    `<style>${escapeXml(styles)}</style>` +
    `<foreignObject x="0" y="0" width="100%" height="100%">` +
    `<div xmlns="http://www.w3.org/1999/xhtml" style="width:${size.width}px;height:${size.height}px;background:var(--bg);color:var(--text)">${body}</div>` +
    `</foreignObject></svg>`
  );
}

/** Renders `root` (the wall) to a PNG Blob at the device's pixel ratio. */
export async function renderWallPng(root: HTMLElement): Promise<Blob> {
  const box = root.getBoundingClientRect();
  const size = { width: Math.ceil(box.width), height: Math.ceil(box.height) };
  const markup = wallSvgMarkup(root, pageStyles(), size, { ...document.documentElement.dataset });
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await image.decode();
  const scale = Math.min(2, window.devicePixelRatio || 1);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(size.width * scale);
  canvas.height = Math.round(size.height * scale);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('This browser cannot draw on a canvas.');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob === null ? reject(new Error('The PNG could not be made.')) : resolve(blob)),
      'image/png',
    ),
  );
}
