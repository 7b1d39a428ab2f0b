// The viewer's use of cornerstone's image cache: a fixed budget, and a stack's images released when it is left.
import cornerstone from 'cornerstone-core';
import { IMAGE_CACHE_BYTES } from './load-queue';

/** Once, at start-up (the cache is shared by every viewer and thumbnail). */
export function limitImageCache(): void {
  cornerstone.imageCache.setMaximumSizeBytes(IMAGE_CACHE_BYTES);
}

/** Without marking the image as used (getImageLoadObject would, and the least recently used are evicted first). */
export function inImageCache(imageId: string): boolean {
  return cornerstone.imageCache.imageCache[imageId] !== undefined;
}

/**
 * Removes the images of a stack that is no longer viewed, with what the loader kept for each (the file's bytes).
 * A load still running is removed when it settles: removed before, its file's bytes would stay in the loader forever.
 */
export function releaseImages(imageIds: readonly string[]): void {
  for (const imageId of imageIds) {
    const cached = cornerstone.imageCache.getImageLoadObject(imageId);
    if (!cached) continue;
    const remove = () => {
      if (cornerstone.imageCache.getImageLoadObject(imageId) === cached)
        cornerstone.imageCache.removeImageLoadObject(imageId);
    };
    cached.promise.then(remove, remove);
  }
}
