// Accessibility of every consumer page in a real browser (Debian's chromium, headless),
// in every language of the export (en-US, es-US, zh-Hans, zh-Hant, vi): axe-core finds 0 WCAG 2.2 A/AA violations, the page has no script,
// it reflows at 320 px and at 200% zoom (640 CSS px for a 1280 px window) without
// horizontal scrolling, every tone is written as a word, and the `lang` attributes are set
// (the page's language on <html>, each language link in its own language, the record's own
// words inside a span marked `lang="en"`).
// Screenshots at 390 px and 1280 px go to the artifacts folder.
//
// usage: node a11y.mjs <base URL> <site.json of the export> <artifacts folder>
import { readFileSync, mkdirSync, writeFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const [base, siteJson, artifacts] = process.argv.slice(2);
if (!base || !siteJson || !artifacts) {
  console.error('usage: node a11y.mjs <base URL> <site.json> <artifacts folder>');
  process.exit(2);
}
const site = JSON.parse(readFileSync(siteJson, 'utf8'));
// The page languages are the export's: one 404.<locale>.html per language it has pages in.
const locales = readdirSync(dirname(siteJson))
  .map((f) => /^404\.(.+)\.html$/.exec(f))
  .filter(Boolean)
  .map((m) => m[1])
  .sort((a, b) => (a === 'en-US' ? -1 : b === 'en-US' ? 1 : a.localeCompare(b)));
const toneWords = {
  'en-US': ['Good:', 'Info:', 'Unknown:', 'Caution:', 'Problem:'],
  'es-US': ['Bien:', 'Dato:', 'Desconocido:', 'Atención:', 'Problema:'],
  'zh-Hans': ['良好：', '信息：', '未知：', '注意：', '问题：'],
  'zh-Hant': ['良好：', '資訊：', '未知：', '注意：', '問題：'],
  vi: ['Tốt:', 'Thông tin:', 'Chưa rõ:', 'Cần chú ý:', 'Có vấn đề:'],
};
for (const expected of Object.keys(toneWords)) {
  if (!locales.includes(expected)) {
    console.error(`the export has no pages in ${expected} (found ${locales})`);
    process.exit(1);
  }
}
for (const locale of locales) {
  if (!toneWords[locale]) {
    console.error(`no tone words known for ${locale}: add them to a11y.mjs`);
    process.exit(1);
  }
}
// What the browser sends, and the page it must get (the core's resolve_accept_language).
const negotiated = [
  ['es-MX,es;q=0.9', 'es-US'],
  ['zh-TW,zh;q=0.9', 'zh-Hant'],
  ['zh-CN,zh;q=0.9', 'zh-Hans'],
  ['vi-VN,vi;q=0.9', 'vi'],
];
mkdirSync(artifacts, { recursive: true });

const profile = mkdtempSync(join(tmpdir(), 'trustlabel-chromium-'));
// A fresh profile folder for every run (playwright passes it as --user-data-dir).
// bypassCSP: the pages forbid every script (CSP default-src 'none'); axe must be injected.
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync',
  ],
  viewport: { width: 1280, height: 900 },
  bypassCSP: true,
});

const failures = [];
const report = [];
let pages = 0;

async function check(url, locale, name, extraHeaders = {}, screenshots = true) {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.setExtraHTTPHeaders(extraHeaders);
  const response = await page.goto(url, { waitUntil: 'load' });
  const problems = [];
  if (!response || response.status() !== 200) problems.push(`status ${response && response.status()}`);
  const html = await response.text();
  if (/<script/i.test(html)) problems.push('the page has a script element');
  const lang = await page.evaluate(() => document.documentElement.lang);
  if (lang !== locale) problems.push(`html lang is ${lang}, expected ${locale}`);
  // The language switch names the other language in that language, marked as such.
  const switchLinks = await page.evaluate(() =>
    [...document.querySelectorAll('nav a[hreflang]')].map((a) => [a.getAttribute('lang'), a.getAttribute('hreflang')]));
  if (!name.startsWith('404')) {
    const others = locales.filter((l) => l !== locale);
    // Any order: the page's order is the core's LOCALES, not known here.
    const got = switchLinks.map(([l]) => l);
    if ([...got].sort().join() !== [...others].sort().join()) problems.push(`language switch: ${got}, expected ${others}`);
    for (const [l, h] of switchLinks) if (l !== h) problems.push(`language link lang ${l} but hreflang ${h}`);
  }
  // The record's own words are quoted in English whatever the page's language.
  const quoteLangs = await page.evaluate(() =>
    [...document.querySelectorAll('main span[lang]')].map((e) => e.getAttribute('lang')));
  for (const l of quoteLangs) if (l !== 'en') problems.push(`quoted words marked lang=${l}`);

  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    }));
  for (const v of result.violations) {
    problems.push(`axe ${v.id} (${v.impact}): ${v.help} - ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  // Every tone is a word: each verdict and fact starts with one.
  const toneLabels = await page.evaluate(() =>
    [...document.querySelectorAll('.verdict p strong, .fact > p:first-of-type strong')].map((e) => e.textContent));
  for (const t of toneLabels) {
    if (!toneWords[locale].includes(t)) problems.push(`tone label ${JSON.stringify(t)} is not a tone word`);
  }
  const toned = await page.evaluate(() => document.querySelectorAll('.verdict, .fact').length);
  if (toneLabels.length !== toned) problems.push(`${toned} toned blocks but ${toneLabels.length} tone words`);

  // Reflow: 320 CSS px (WCAG 1.4.10) and 640 CSS px (a 1280 px window at 200% zoom).
  for (const width of [320, 640]) {
    await page.setViewportSize({ width, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) problems.push(`scrolls sideways by ${overflow} px at ${width} px`);
  }
  for (const width of screenshots ? [390, 1280] : []) {
    await page.setViewportSize({ width, height: 844 });
    await page.screenshot({ path: join(artifacts, `${name}.${width}.png`), fullPage: true });
  }
  await page.close();
  pages += 1;
  report.push({ url, locale, name, violations: result.violations.length, problems });
  if (problems.length) failures.push(`${url} (${locale}):\n  ${problems.join('\n  ')}`);
}

// The checker itself can fail: a page with known violations must be reported.
async function axeFindsKnownViolations() {
  const page = await browser.newPage();
  await page.setContent('<html><body><img src="x.png"><p style="color:#bbb;background:#fff">faint</p>'
    + '<a href="/x"></a></body></html>');
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }));
  await page.close();
  const ids = result.violations.map((v) => v.id);
  for (const id of ['html-has-lang', 'image-alt', 'color-contrast', 'link-name']) {
    if (!ids.includes(id)) failures.push(`axe self-check: ${id} not reported on a broken page (got ${ids})`);
  }
}

try {
  await axeFindsKnownViolations();
  for (const label of site.labels) {
    const slug = label.path.replace(/^\//, '').replace(/\//g, '_');
    for (const locale of locales) {
      await check(`${base}${label.path}/${locale}`, locale, `${slug}.${locale}`);
    }
    // The label's own URL, as the phone's camera opens it: the language comes from the
    // browser's Accept-Language.
    for (const [asked, locale] of negotiated) {
      await check(`${base}${label.path}`, locale, `${slug}.negotiated-${locale}`, { 'Accept-Language': asked }, false);
    }
  }
  for (const locale of locales) {
    const page = await browser.newPage();
    await page.setExtraHTTPHeaders({ 'Accept-Language': locale });
    const response = await page.goto(`${base}/l/no-such-label-here`);
    if (response.status() !== 404) failures.push(`unknown label: status ${response.status()}`);
    await page.close();
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

writeFileSync(join(artifacts, 'a11y-report.json'), JSON.stringify(report, null, 2));
console.log(`${pages} pages checked with axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa)`);
if (failures.length) {
  console.error(`${failures.length} pages with problems:\n${failures.join('\n')}`);
  process.exit(1);
}
console.log('0 violations; screenshots and a11y-report.json in ' + artifacts);
