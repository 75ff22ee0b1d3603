import type { ExportFile } from '../../../shared/export';

/** Saves a Blob as a download named `filename`, made in the page (no hub URL: works on every host). */
export function saveBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next task: the click has started the download by then.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The bytes of base64 text (a PDF the hub sent). */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Saves a file the hub made (text, or base64 bytes). */
export function saveExportFile(file: ExportFile): void {
  const body = file.encoding === 'base64' ? fromBase64(file.content) : file.content;
  saveBlob(file.filename, new Blob([body], { type: file.contentType }));
}
