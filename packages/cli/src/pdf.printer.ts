// PDF from a rendered dispatch's HTML, printed by the machine's own headless Chromium (Debian's
// `chromium`, driven by playwright-core; no browser is ever downloaded). The page is loaded with
// JavaScript off and every network request refused, so printing sees exactly the HTML given.
import { existsSync } from 'node:fs';
import { OperationalError } from '@echotrace/core';
import { chromium } from 'playwright-core';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function printPdf(html: string, out: string, executablePath: string): Promise<void> {
  if (!existsSync(executablePath))
    throw new OperationalError(
      `PDF output needs Chromium at ${executablePath}: install it (Debian: apt-get install chromium) or set ECHOTRACE_CHROMIUM`,
    );
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({
      path: out,
      format: 'A4',
      printBackground: true,
      margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
    });
  } finally {
    await browser.close();
  }
}
