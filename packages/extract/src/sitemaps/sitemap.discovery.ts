// Sitemaps a site declares in robots.txt (`Sitemap: https://…` lines, valid anywhere in the file).

export function sitemapsFromRobots(robotsTxt: string, robotsUrl: string): string[] {
  const found = new Set<string>();
  for (const match of robotsTxt.matchAll(/^\s*sitemap\s*:\s*(\S+)/gim)) {
    try {
      const url = new URL(match[1]!, robotsUrl);
      if (url.protocol === 'http:' || url.protocol === 'https:') found.add(url.href);
    } catch {
      // Not a URL: skip the line.
    }
  }
  return [...found];
}
