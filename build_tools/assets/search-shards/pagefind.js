/* Briefings: Pagefind's search API over an index in shards (pagefind/ and pagefind/shard-N/, listed by the
   module pagefind/shards.js), for the Pagefind UI on the search page.

   Pagefind ignores a query word that its index does not hold (or matches a prefix of it), so a shard
   that lacks one of the words would answer with pages matching only the others. Each shard is
   searched with its own copy of Pagefind; a multi-word query keeps only the shards that know every
   word (as one index over the whole corpus would), unless none does. Results are merged by score. */
const PRIMARY = new URL("../../../pagefind/", import.meta.url);
let settings = {};
let loading = null;
let filtering = null;

function shards() {
  if (!loading) {
    loading = import(new URL("shards.js", PRIMARY).href).then(function (list) {
      return Promise.all([""].concat(list.shards).map(async function (folder) {
        const pagefind = await import(new URL(folder + "pagefind.js", PRIMARY).href);
        await pagefind.options(settings);
        return pagefind;
      }));
    });
  }
  return loading;
}

// Pagefind counts a query's results per filter value only once its filter index is loaded: load every
// shard's before the first search, or a shard still loading would add no counts to the facets.
function withFilters() {
  if (!filtering) {
    filtering = shards().then(function (all) { return Promise.all(all.map(function (p) { return p.filters(); })).then(function () { return all; }); });
    filtering.catch(function () { filtering = null; });
  }
  return filtering;
}

function words(term) {
  if (/^\s*".+"\s*$/.test(term)) { return []; }  // an exact phrase is matched as a whole by each shard
  const list = term.trim().split(/\s+/).filter(Boolean);
  return list.length > 1 ? list : [];
}

async function knowsEvery(pagefind, list, options) {
  for (const word of list) {  // quoted, Pagefind finds a word only if its index holds it (unquoted, it falls back to a prefix)
    const alone = await pagefind.search('"' + word.replace(/"/g, "") + '"', options);
    if (!alone || alone.results.length === 0) { return false; }
  }
  return true;
}

function mergeCounts(maps) {
  const merged = {};
  for (const map of maps) {
    for (const [name, values] of Object.entries(map || {})) {
      merged[name] = merged[name] || {};
      for (const [value, count] of Object.entries(values)) { merged[name][value] = (merged[name][value] || 0) + count; }
    }
  }
  return merged;
}

export async function options(given) {
  settings = Object.assign({}, settings, given);
  if (loading) { await Promise.all((await loading).map(function (p) { return p.options(given); })); }
}

export async function init() { await shards(); }

export async function mergeIndex() {
  throw new Error("the shards are listed in pagefind/shards.js");
}

export async function preload(term, given) {
  await Promise.all((await shards()).map(function (p) { return p.preload(term, given); }));
}

export async function filters() {
  return mergeCounts(await Promise.all((await withFilters()).map(function (p) { return p.filters(); })));
}

export async function search(term, given) {
  const all = await withFilters();
  const list = words(term || "");
  const answers = await Promise.all(all.map(async function (pagefind) {
    const answer = await pagefind.search(term, given);
    return { answer: answer, complete: answer && (list.length === 0 || await knowsEvery(pagefind, list, given)) };
  }));
  const found = answers.filter(function (a) { return a.answer; });
  const complete = found.filter(function (a) { return a.complete; });
  const used = (complete.length ? complete : found).map(function (a) { return a.answer; });
  return {
    results: used.flatMap(function (a) { return a.results; }).sort(function (a, b) { return b.score - a.score; }),
    unfilteredResultCount: used.reduce(function (sum, a) { return sum + a.unfilteredResultCount; }, 0),
    filters: mergeCounts(used.map(function (a) { return a.filters; })),
    totalFilters: mergeCounts(used.map(function (a) { return a.totalFilters; })),
    timings: used.map(function (a) { return a.timings; })
  };
}

export async function debouncedSearch(term, given) { return search(term, given); }

export async function destroy() {
  if (loading) { await Promise.all((await loading).map(function (p) { return p.destroy(); })); }
  loading = null;
  filtering = null;
}
