/** Saving text the user exports (JSON, CSV) as a file, named with the export's time. */
import { h } from '../../ui-kit/dom';

/** A time as a file-name stamp, UTC: 2026-11-30-10-29-24. */
export const dateStamp = (ms: number): string =>
  new Date(ms).toISOString().slice(0, 19).replace(/[:T]/g, '-');

/** Hands `text` to the browser as a download named `name`. */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
