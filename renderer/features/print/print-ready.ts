import { useEffect, type RefObject } from 'react';

/** The page rules of each print view: the deck one 16:9 slide per page, letters and minutes on A4 portrait. */
export const PAGE_RULES = {
  deck: '@page { size: 1600px 900px; margin: 0; }',
  a4: '@page { size: A4 portrait; margin: 16mm 16mm 18mm; }',
} as const;

/**
 * Settles once the image has loaded or failed for good: a key image whose JPEG for print is missing fails first and
 * is then asked for as PNG (data-fallback, kinds.tsx), so an error while data-fallback is set is not the end.
 */
function settled(img: HTMLImageElement): Promise<void> {
  const done = () => img.complete && (img.naturalWidth > 0 || !img.dataset.fallback);
  if (done()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!done()) return;
      img.removeEventListener('load', check);
      img.removeEventListener('error', check);
      resolve();
    };
    img.addEventListener('load', check);
    img.addEventListener('error', check);
  });
}

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

/**
 * Marks the page ready for the exporter (Electron printToPDF or headless Chromium wait for
 * `document.body.dataset.printReady === 'true'`): once the content is drawn, every <img> has loaded (or failed:
 * a broken image must not hang an export), the fonts are ready and a frame has been painted. Images are not
 * decoded here: printing decodes each as it draws it (and the exporter's JPEG pass does too), whereas decoding all
 * sixty of a large deck up front cost a third of its render time.
 */
export function usePrintReady(loaded: boolean, root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const html = document.documentElement;
    html.classList.add('print-view');
    return () => {
      html.classList.remove('print-view');
      delete document.body.dataset.printReady;
    };
  }, []);
  useEffect(() => {
    if (!loaded) return;
    let live = true;
    void (async () => {
      const images = Array.from(root.current?.querySelectorAll('img') ?? []);
      await Promise.all(images.map(settled));
      await document.fonts?.ready;
      await frame();
      await frame();
      if (live) document.body.dataset.printReady = 'true';
    })();
    return () => {
      live = false;
    };
  }, [loaded, root]);
}
