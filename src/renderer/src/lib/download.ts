// Saving files the user asked for: exports from the service (ExportedFile) and charts drawn here (data: URLs).
import type { ExportedFile } from '../../../shared/api-inspect-types';
import { decodeBase64 } from '../../../shared/base64';

function clickLink(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** The bytes of an exported file as a Blob. */
export function exportedBlob(file: ExportedFile): Blob {
  if (file.encoding === 'base64') {
    const bytes = decodeBase64(file.data);
    return new Blob([bytes.buffer as ArrayBuffer], { type: file.mimeType });
  }
  return new Blob([file.data], { type: file.mimeType });
}

export function saveExportedFile(file: ExportedFile): void {
  const url = URL.createObjectURL(exportedBlob(file));
  clickLink(url, file.fileName);
  // Give the download a moment to start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveDataUrl(dataUrl: string, fileName: string): void {
  clickLink(dataUrl, fileName);
}

/** "Run 12 · lr=0.01" → "run-12-lr-0.01", safe in every file system. */
export function fileSlug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'chart'
  );
}
