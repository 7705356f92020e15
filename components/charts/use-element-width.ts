"use client";

import { useCallback, useState } from "react";

/**
 * The width of an element in whole px, kept current as it resizes, with the ref to put on it.
 * 0 until the element is mounted (and on the server), so a chart renders only once it knows
 * how wide it may be.
 */
export function useElementWidth<T extends HTMLElement>(): [(node: T | null) => () => void, number] {
  const [width, setWidth] = useState(0);
  const ref = useCallback((node: T | null) => {
    if (!node) return () => {};
    setWidth(Math.floor(node.getBoundingClientRect().width));
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
