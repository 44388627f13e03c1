/** The end-to-end harness: the app's renderer in Chromium over the real handlers (see src/headless). */
export * from '../../src/headless/app-in-chromium';
