import cornerstone from 'cornerstone-core';
import { useEffect, useRef, useState } from 'react';
import { ensureCornerstone } from './cornerstone-setup';

/** A small rendered image of a series (its middle slice); shows the modality when it cannot be drawn. */
export function SeriesThumbnail({ imageId, fallback }: { imageId: string | null; fallback: string }) {
  const element = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const el = element.current;
    if (!el || !imageId) return;
    ensureCornerstone();
    cornerstone.enable(el);
    let live = true;
    cornerstone.loadAndCacheImage(imageId).then(
      (image) => {
        if (!live) return;
        // The default viewport fits the image to the element.
        cornerstone.displayImage(el, image);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      cornerstone.disable(el);
    };
  }, [imageId]);
  return (
    <div className="thumb" aria-hidden="true">
      {imageId && !failed ? (
        <div ref={element} className="thumb__canvas" />
      ) : (
        <span className="thumb__fallback">{fallback}</span>
      )}
    </div>
  );
}
