/**
 * Release markers: the first minute each app version appeared, as vertical lines of a chart.
 * Releases closer together than a label's width share one marker ("5.3.0 +2"), which keeps every
 * version for the tooltip and the data table.
 */
import type { ReleaseInput, TimeRange } from "./types";

export interface ReleaseMarker {
  /** Where the line stands: the first release of the marker, ms since the epoch. */
  x: number;
  /** The versions of the marker, in the order they appeared. */
  versions: { appVersion: string; firstSeen: number }[];
  /** "5.3.0", or "5.3.0 +2" for a marker of three versions. */
  label: string;
}

/**
 * Markers for the releases within `domain` ([from, to), by first appearance): a release less
 * than `minGapMs` after a marker's line joins that marker instead of drawing its own, so lines
 * (and their labels) stand at least `minGapMs` apart. Releases with an unreadable time are left
 * out; a version listed twice counts once, at its first appearance.
 */
export function releaseMarkers(
  releases: readonly ReleaseInput[],
  domain: TimeRange,
  options: { minGapMs?: number } = {},
): ReleaseMarker[] {
  const firstSeen = new Map<string, number>();
  for (const release of releases) {
    const at = Date.parse(release.firstSeen);
    if (!(at >= domain.from && at < domain.to)) continue;
    const known = firstSeen.get(release.appVersion);
    if (known === undefined || at < known) firstSeen.set(release.appVersion, at);
  }
  const sorted = [...firstSeen]
    .map(([appVersion, at]) => ({ appVersion, firstSeen: at }))
    .sort((a, b) => a.firstSeen - b.firstSeen || a.appVersion.localeCompare(b.appVersion));

  const markers: ReleaseMarker[] = [];
  for (const release of sorted) {
    const last = markers[markers.length - 1];
    if (last && release.firstSeen - last.x < (options.minGapMs ?? 0)) {
      last.versions.push(release);
      last.label = `${last.versions[0]!.appVersion} +${last.versions.length - 1}`;
    } else {
      markers.push({ x: release.firstSeen, versions: [release], label: release.appVersion });
    }
  }
  return markers;
}
