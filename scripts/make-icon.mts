/**
 * Draws the app icon (resources/icon.png, 512×512) with the system Chromium, so the icon is made from this
 * source rather than an opaque binary. electron-builder turns the PNG into the Windows .ico.
 * Run: npx tsx scripts/make-icon.mts
 */
import { chromium } from 'playwright-core';

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2b5c94"/><stop offset="1" stop-color="#1f3a5f"/></linearGradient></defs>
  <rect x="16" y="16" width="480" height="480" rx="96" fill="url(#g)"/>
  <rect x="104" y="336" width="56" height="72" rx="8" fill="#8fd3b0"/>
  <rect x="184" y="296" width="56" height="112" rx="8" fill="#8fd3b0"/>
  <rect x="264" y="256" width="56" height="152" rx="8" fill="#2d9c6a"/>
  <rect x="344" y="216" width="56" height="192" rx="8" fill="#2d9c6a"/>
  <line x1="88" y1="300" x2="424" y2="300" stroke="#f0c14b" stroke-width="10" stroke-dasharray="22 14"/>
  <text x="256" y="210" text-anchor="middle" font-family="Noto Sans CJK SC, Microsoft YaHei, sans-serif" font-size="190" font-weight="700" fill="#ffffff">民</text>
</svg>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.screenshot({ path: 'resources/icon.png', omitBackground: true });
await browser.close();
console.log('wrote resources/icon.png');
