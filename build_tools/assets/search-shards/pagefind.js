/* Briefings: Pagefind's search API over an index in shards (pagefind/ and pagefind/shard-N/, listed by the
   module pagefind/shards.js), for the Pagefind UI on the search page and the header box.

   One Pagefind (script, worker and WebAssembly, from pagefind/) searches every shard: the others are
   merged into it (mergeIndex), so an extra shard costs its meta file and the chunks a query needs, not
   another copy of the runtime. Each shard gives its pages a hidden filter naming it (SHARD), which
   this module takes out of every answer.

   Pagefind ignores a query word that its index does not hold (or matches a prefix of it), so a shard
   that lacks one of the words would answer with pages matching only the others. A multi-word query
   therefore keeps only the shards that hold every word (as one index over the whole corpus would),
   unless none does. Results are merged by score. */
const PRIMARY = new URL("../../../pagefind/", import.meta.url);
const SHARD = "briefings-shard";
let settings = {};
let loading = null;
let filtering = null;
let shardCount = 1;

function forShard(number) {
  const own = Object.assign({}, settings);
  delete own.basePath;  // a merged index's place is its folder
  return Object.assign(own, { mergeFilter: { [SHARD]: String(number) } });
}

function pagefind() {
  if (!loading) {
    loading = (async function () {
      const list = await import(new URL("shards.js", PRIMARY).href);
      const folders = list.shards || [];
      const pf = await import(new URL("pagefind.js", PRIMARY).href);
      await pf.options(folders.length ? forShard(0) : settings);
      for (let i = 0; i < folders.length; i++) {
        await pf.mergeIndex(new URL(folders[i], PRIMARY).pathname, forShard(i + 1));
      }
      shardCount = folders.length + 1;
      return pf;
    })();
    loading.catch(function () { loading = null; });
  }
  return loading;
}

// Pagefind counts a query's results per filter value only once the filter index is loaded: load it
// before the first search, or the facets would miss a shard's values.
function withFilters() {
  if (!filtering) {
    filtering = pagefind().then(function (pf) { return pf.filters().then(function () { return pf; }); });
    filtering.catch(function () { filtering = null; });
  }
  return filtering;
}

function words(term) {
  if (/^\s*".+"\s*$/.test(term)) { return []; }  // an exact phrase is matched as a whole by each shard
  const list = term.trim().split(/\s+/).filter(Boolean);
  return list.length > 1 ? list : [];
}

// The shards whose index holds every word: quoted, Pagefind finds a word only where the index holds it
// (unquoted, it falls back to a prefix), and the SHARD counts of its answer say where that is.
async function shardsHolding(pf, list) {
  let holding = null;
  for (const word of list) {
    const answer = await pf.search('"' + word.replace(/"/g, "") + '"', {});
    const counts = (answer && answer.filters && answer.filters[SHARD]) || {};
    const here = Object.keys(counts).filter(function (k) { return counts[k] > 0; });
    holding = holding === null ? here : holding.filter(function (k) { return here.includes(k); });
    if (!holding.length) { break; }
  }
  return holding || [];
}

function withoutShard(counts) {
  if (!counts || !(SHARD in counts)) { return counts; }
  const rest = Object.assign({}, counts);
  delete rest[SHARD];
  return rest;
}

export async function options(given) {
  settings = Object.assign({}, settings, given);
  if (loading) { await (await loading).options(given); }  // reaches the first shard only: Pagefind's UI and the header box set theirs before searching
}

export async function init() { await pagefind(); }

export async function mergeIndex() {
  throw new Error("the shards are listed in pagefind/shards.js");
}

export async function preload(term, given) {
  await (await pagefind()).preload(term, given);
}

export async function filters() {
  return withoutShard(await (await withFilters()).filters());
}

export async function search(term, given) {
  const pf = await withFilters();
  let asked = given || {};
  const list = words(term || "");
  if (shardCount > 1 && list.length) {
    const holding = await shardsHolding(pf, list);
    if (holding.length && holding.length < shardCount) {
      asked = Object.assign({}, asked, { filters: Object.assign({}, asked.filters, { [SHARD]: { any: holding } }) });
    }
  }
  const answer = await pf.search(term, asked);
  if (answer) {
    answer.filters = withoutShard(answer.filters);
    answer.totalFilters = withoutShard(answer.totalFilters);
  }
  return answer;
}

export async function debouncedSearch(term, given) { return search(term, given); }

export async function destroy() {
  if (loading) { await (await loading).destroy(); }
  loading = null;
  filtering = null;
}
