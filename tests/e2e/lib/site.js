// What pages the site has: a crawl from `/` in the browser, plus the pages
// no link leads to (error pages, the other order of a pair, a sort).

/** Pages that are not linked from `/`, with the status each must answer. */
export const EXTRA_PAGES = {
  bundled: [
    { path: '/compare/aws-architect-vs-aws-engineer', status: 200 },
    { path: '/compare/aws-architect-vs-aws-engineer/transition', status: 200 },
    { path: '/salaries?sort=senior', status: 200 },
    { path: '/roles?sort=high', status: 200 },
    { path: '/roles?sort=nope', status: 404 },
    { path: '/nope', status: 404 },
    { path: '/roles/aws-enginer', status: 404 },
    { path: '/compare/aws-engineer-vs-aws-engineer', status: 400 },
    { path: '/compare?a=aws-engineer', status: 400 },
    { path: '/compare/aws-engineer-vs-aws-architect/pay/atlantis', status: 404 },
    { path: '/roles/aws-enginer/pay', status: 404 },
  ],
  fixture: [
    { path: '/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper', status: 200 },
    { path: '/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper?view=differences', status: 200 },
    { path: '/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper/day-in-the-life', status: 200 },
    { path: '/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper/transition', status: 400 },
    { path: '/roles/lighthouse-keper', status: 404 },
    { path: '/compare/ferry-captain-vs-ferry-captain', status: 400 },
  ],
};

/**
 * The made-up roles' pages that go through the full browser matrix (the
 * links and HTML checks cover all of them): a role without a schedule
 * (ferry-captain), an overview with a heading and stripped raw HTML
 * (lighthouse-keeper), salaries in different currencies and periods, a
 * curated pair and a plain one, three roles at once, the differences-only
 * view, moves between roles (one paid in other units and without a
 * schedule; one with a level the other lacks), the 400 page of a move
 * between three roles, and an error page.
 */
export const FIXTURE_SAMPLE = [
  { path: '/', status: 200 },
  { path: '/compare/harbour-pilot-vs-lighthouse-keeper', status: 200 },
  { path: '/compare/ferry-captain-vs-harbour-pilot', status: 200 },
  { path: '/compare/ferry-captain-vs-harbour-pilot/day-in-the-life', status: 200 },
  { path: '/compare/ferry-captain-vs-harbour-pilot/transition', status: 200 },
  { path: '/compare/harbour-pilot-vs-lighthouse-keeper/transition', status: 200 },
  { path: '/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper/transition', status: 400 },
  { path: '/compare/harbour-pilot-vs-lighthouse-keeper?view=differences', status: 200 },
  { path: '/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper', status: 200 },
  { path: '/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper?view=differences', status: 200 },
  { path: '/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper/day-in-the-life', status: 200 },
  { path: '/roles/ferry-captain', status: 200 },
  { path: '/roles/lighthouse-keeper', status: 200 },
  { path: '/salaries', status: 200 },
  { path: '/roles', status: 200 },
  { path: '/roles/lighthouse-keper', status: 404 },
];

const MAX_PAGES = 2_000;

/**
 * Official pay for one area, `/compare/{pair}/pay/{area}`: the role pay
 * pages link to every state and metropolitan area BLS publishes, ~560 of
 * them, all drawn by one template. The crawl opens in the browser, and
 * follows the links of, only these areas: a state, a metropolitan area, a
 * state with a BLS note mark, and one where BLS published nothing for one
 * of the roles. Every other area page is fetched without the browser: its
 * status, redirect and ids are recorded, so every link to it (and any
 * fragment) is still checked, but its own links are not followed, since
 * they are the sample's links with another area's name. Crawling all of
 * them in the browser took over a minute a crawl, and the suite crawls
 * eight times.
 */
export const AREA_SAMPLE = ['california', 'san-francisco-oakland-fremont-ca', 'mississippi', 'guam'];

const AREA_PAGE = /^\/compare\/[^/]+\/pay\/([^/]+)$/;

/** Whether the crawl fetches `url` without crawling onward from it. */
function outsideSample(url) {
  const area = AREA_PAGE.exec(new URL(url).pathname)?.[1];
  return area !== undefined && new URL(url).search === '' && !AREA_SAMPLE.includes(area);
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** A page outside the sample: its status, redirect and ids, without the browser. */
async function fetchPage(url) {
  const response = await fetch(url);
  const contentType = response.headers.get('content-type') ?? '';
  const html = contentType.startsWith('text/html');
  const body = html ? await response.text() : '';
  const ids = [...body.matchAll(/\sid="([^"]*)"/g)]
    .map((m) => m[1].replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ENTITIES[e]));
  return {
    status: response.status,
    html,
    crawled: false,
    ids: new Set(ids),
    selfLinks: [],
    selfLinkedSections: [],
    redirectedTo: response.redirected ? response.url : null,
  };
}

/**
 * Follows every internal link from the seeds, in one browser page (area
 * pages outside AREA_SAMPLE are only fetched: see there). Returns the pages
 * found (status, ids, heading self-links, whether a redirect was followed,
 * whether the browser crawled it) and every link seen on the crawled ones,
 * with its source.
 */
export async function crawl(context, origin, seeds = ['/']) {
  const page = await context.newPage();
  const pages = new Map(); // url without fragment -> { status, ids, redirectedTo, html }
  const links = []; // { from, href, kind }
  const queue = seeds.map((s) => new URL(s, origin).href);
  const queued = new Set(queue);
  try {
    while (queue.length > 0) {
      if (pages.size >= MAX_PAGES) throw new Error(`more than ${MAX_PAGES} pages: a link loop?`);
      const url = queue.shift();
      if (outsideSample(url)) {
        pages.set(url, await fetchPage(url));
        continue;
      }
      const response = await page.goto(url, { waitUntil: 'load' });
      const status = response?.status() ?? 0;
      const finalUrl = page.url();
      const contentType = response?.headers()['content-type'] ?? '';
      const html = contentType.startsWith('text/html');
      const found = html
        ? await page.evaluate(() => ({
          ids: [...document.querySelectorAll('[id]')].map((el) => el.id),
          // An SVG link's href is an SVGAnimatedString (the pay pages' map).
          anchors: [...document.querySelectorAll('a[href], area[href]')]
            .map((a) => (typeof a.href === 'string' ? a.href : new URL(a.href.baseVal, document.baseURI).href)),
          resources: [...document.querySelectorAll('link[href]')].map((l) => ({ rel: l.rel, href: l.href })),
          // Fragment links inside headings, and the id each should name.
          selfLinks: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
            .flatMap((h) => [...h.querySelectorAll('a[href^="#"]')].map((a) => ({
              href: a.getAttribute('href'),
              own: a.closest('[id]')?.id,
              text: h.textContent.trim(),
            }))),
          selfLinkedSections: [...document.querySelectorAll('main section[id]')]
            .filter((sec) => sec.querySelector('h2 a.self-link')?.closest('section[id]') === sec)
            .map((sec) => sec.id),
        }))
        : {
          ids: [], anchors: [], resources: [], selfLinks: [], selfLinkedSections: [],
        };
      pages.set(url, {
        status,
        html,
        crawled: true,
        ids: new Set(found.ids),
        selfLinks: found.selfLinks,
        selfLinkedSections: found.selfLinkedSections,
        redirectedTo: finalUrl.split('#')[0] !== url ? finalUrl : null,
      });
      for (const href of found.anchors) {
        links.push({ from: url, href, kind: 'a' });
        const target = new URL(href);
        if (target.origin !== origin) continue;
        target.hash = '';
        if (!queued.has(target.href)) {
          queued.add(target.href);
          queue.push(target.href);
        }
      }
      for (const { rel, href } of found.resources) links.push({ from: url, href, kind: `link rel=${rel}` });
    }
  } finally {
    await page.close();
  }
  return { pages, links };
}

/** Path and query of an absolute URL on the site. */
export function pathOf(url) {
  const u = new URL(url);
  return u.pathname + u.search;
}

/**
 * The questionnaire's answer pages, when the content has one (`/fit`
 * answers 200): a result with the first answer to every question, and the
 * form sent back with a 400 when only one question is answered. The form
 * itself is linked from every page, so the crawl finds it.
 */
export async function questionnairePages(context, origin) {
  const page = await context.newPage();
  try {
    const response = await page.goto(new URL('/fit', origin).href);
    if (response.status() !== 200) return [];
    const { action, all, one } = await page.evaluate(() => {
      const form = document.querySelector('main form[action$="/fit/result"]');
      const names = [...new Set([...form.querySelectorAll('input[type="radio"]')].map((i) => i.name))];
      const first = (name) => form.querySelector(`input[name="${CSS.escape(name)}"]`).value;
      return {
        action: new URL(form.action).pathname,
        all: new URLSearchParams(names.map((n) => [n, first(n)])).toString(),
        one: new URLSearchParams([[names[0], first(names[0])]]).toString(),
      };
    });
    return [
      { path: `${action}?${all}`, status: 200 },
      { path: `${action}?${one}`, status: 400 },
    ];
  } finally {
    await page.close();
  }
}

/** Every page no link from `/` leads to, with its status. */
export async function extraPages(context, origin, name) {
  return [...EXTRA_PAGES[name], ...(await questionnairePages(context, origin))];
}

/**
 * The pages to put through the browser checks, in this order: every HTML
 * page reached by links from `/` (crawl order, so the home page and the
 * canonical pages come first), the extra pages with their own statuses,
 * then pages reached only from those (each must answer 200). Area pages
 * outside AREA_SAMPLE are left out unless `everyArea` (cheap checks that
 * need no browser can take all of them).
 */
export async function pagesToCheck(context, origin, name, { everyArea = false } = {}) {
  const extras = await extraPages(context, origin, name);
  const fromHome = await crawl(context, origin, ['/']);
  const fromExtras = await crawl(context, origin, extras.map((e) => e.path));
  const list = [];
  const add = (entry) => {
    if (!list.some((e) => e.path === entry.path)) list.push(entry);
  };
  const wanted = (p) => p.html && (p.crawled || everyArea);
  for (const [url, p] of fromHome.pages) if (wanted(p)) add({ path: pathOf(url), status: 200 });
  for (const extra of extras) add(extra);
  for (const [url, p] of fromExtras.pages) if (wanted(p)) add({ path: pathOf(url), status: 200 });
  return list;
}

/**
 * A page's kind: what template and variant renders it. Pages of one kind
 * differ only in content, so the first page of each kind gets the whole
 * viewport × colour-scheme matrix and the others a lighter pass.
 */
export function pageKind({ path, status }) {
  const url = new URL(path, 'http://x');
  const parts = url.pathname.split('/').filter(Boolean);
  if (status !== 200) return `${status} /${parts[0] ?? ''}`;
  if (parts.length === 0) return 'home';
  if (parts[0] === 'compare' && parts.length >= 2) {
    const roles = parts[1].split('-vs-').length;
    let sub = parts.length > 2 ? 'share' : 'page';
    if (parts[2] === 'day-in-the-life') sub = 'day';
    if (parts[2] === 'transition') sub = 'transition';
    if (parts[2] === 'pay') sub = parts.length > 3 ? 'pay, one area' : 'pay';
    return `compare ${sub}, ${roles} roles${url.searchParams.has('view') ? `, view=${url.searchParams.get('view')}` : ''}`;
  }
  const query = url.search ? ' with query' : '';
  // A role's pages: /roles/{} and /roles/{}/pay.
  if (parts[0] === 'roles' && parts.length >= 2) return `${['/roles/{}', ...parts.slice(2)].join('/')}${query}`;
  return `/${parts.join('/').replace(/\/[^/]+$/, parts.length > 1 ? '/{}' : '')}${query}`;
}
