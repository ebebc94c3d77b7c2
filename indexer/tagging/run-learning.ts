/**
 * What one run of the tagger learns across its articles, applied to the same run. Tagging stays a
 * pure function of one article (worker threads rely on it); this pass sits on top:
 *
 * 1. Titles bound to a person ("Interior Minister Mohsin Naqvi") become roles for the run, dated by
 *    the article that wrote them. An article whose bare "the interior minister said" nothing resolved
 *    is tagged again with the role held nearest its publication date, within `windowDays`. The people
 *    file stays the authority (the resolver consults it first); a title bound to several people whose
 *    dates interleave, or two people at equal distance, resolves to nobody: never guess between two.
 * 2. Full names of people missing from the people file that are spelling variants of each other
 *    across articles are rewritten to one form (name-variants.ts).
 *
 * Only articles that need it are tagged again, and every choice is made from sorted sets, so the
 * outcome does not depend on the order articles came in or on which thread tagged them.
 */
import { TITLE_HEADS } from './names.js';
import { variantMap, type VariantMerge } from './name-variants.js';
import type { LearnedRoleReport } from './tagger.js';
import type { LearnedRoleInput, TaggedArticle, TagInput, TagResult } from './types.js';

export interface RunLearningOptions {
  /** How far (days, either way) from an article's date a title learned elsewhere may resolve it. */
  windowDays: number;
}

export const RUN_LEARNING_DEFAULTS: Readonly<RunLearningOptions> = Object.freeze({ windowDays: 365 });

export interface LearnedAliasReport extends LearnedRoleReport {
  /** Articles where this role resolved a title nothing else resolved. */
  appliedArticles: number;
}

export interface RunLearningReport {
  learnedAliases: LearnedAliasReport[];
  reResolved: {
    /** Articles with a title left unresolved on the first pass that a learned role covers (tagged again). */
    retagged: number;
    /** Of those, articles whose quotes changed speaker, and how many quotes. */
    articles: number;
    mentions: number;
  };
  variantMerges: VariantMerge[];
}

export interface RunOutcome {
  report: RunLearningReport;
  /** Articles whose final tags differ from their first pass. */
  changed: ReadonlySet<string>;
  /** An article's final tags, given its first-pass tags (or a fresh tagging of the same input). */
  finalize(first: TagResult): TagResult;
  /** The final tags of an article that was tagged again, which need no first-pass tags. */
  retagged(id: string): TagResult | undefined;
}

interface Binding {
  title: string;
  name: string;
  day: number;
}

/**
 * Heads that many people hold at once: a title ending in one resolves nothing outside its article
 * ("the senator", "a law professor"). One-word titles are too broad as well ("president").
 */
const SHARED_HEADS = new Set(
  'sen senator rep representative gov governor official aide analyst lawyer attorney professor prof economist strategist pollster correspondent editor columnist author host anchor coach officer counterpart candidate nominee expert fellow member judge justice'.split(
    ' ',
  ),
);
const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’.\-]*|bin|ibn|al|de|del|da|van|von|der|la|le|ul|ur)$/u;

/** Words that show a clause was read as a title ("now his secretary", "like president"). */
const NOT_A_TITLE_WORD = new Set('his her their its our my now then also like who was is'.split(' '));

/** A title specific enough to name one person in a period ("interior minister", not "senator"). */
function specificTitle(title: string): boolean {
  const words = title.split(' ');
  const head = words[words.length - 1];
  return words.length > 1 && TITLE_HEADS.has(head) && !SHARED_HEADS.has(head) && !words.some((w) => NOT_A_TITLE_WORD.has(w));
}

/** A full name as written in the press, not a fragment the title split left ("of State John Kerry"). */
function fullName(name: string): boolean {
  const words = name.split(/\s+/);
  return words.length > 1 && words.every((w) => NAME_WORD.test(w));
}

const dayOf = (date: string | null | undefined): number | null => {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const t = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(t) ? null : t / 86_400_000;
};

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class RunLearning {
  readonly options: Readonly<RunLearningOptions>;
  private readonly bindings: Binding[] = [];
  private readonly reports = new Map<string, LearnedAliasReport>();
  /** Articles with a title nothing resolved: their input and first-pass tags, in input order. */
  private readonly open = new Map<string, { input: TagInput; first: TagResult; titles: string[] }>();
  /** Unlisted full-name speakers per article (the re-tagged ones replaced). */
  private readonly unlisted = new Map<string, string[]>();
  private readonly retagged = new Map<string, TagResult>();
  private readonly tally = { retagged: 0, articles: 0, mentions: 0 };
  private finished = false;
  private readonly seen = new Set<string>();

  constructor(options: Partial<RunLearningOptions> = {}) {
    const o = { ...RUN_LEARNING_DEFAULTS, ...options };
    if (!Number.isInteger(o.windowDays) || o.windowDays < 0) throw new Error(`Tagger: option "windowDays" must be an integer >= 0, got ${String(o.windowDays)}`);
    this.options = Object.freeze(o);
  }

  /** First pass: one article's tags and notes, in input order. */
  observe(input: TagInput, { result, notes }: TaggedArticle): void {
    if (this.seen.has(input.id)) {
      // Two articles with one id: neither is tagged again, since their tags could not be told apart.
      this.open.delete(input.id);
      return;
    }
    this.seen.add(input.id);
    const day = dayOf(input.date);
    for (const l of notes.learned) {
      const key = `${l.name}\u0000${l.title}`;
      const r = this.reports.get(key);
      if (r) r.articles++;
      else this.reports.set(key, { name: l.name, title: l.title, articles: 1, firstArticle: input.id, appliedArticles: 0 });
      if (day !== null && specificTitle(l.title) && fullName(l.name)) this.bindings.push({ title: l.title, name: l.name, day });
    }
    // Only titles a learned role could ever fill keep the article (and its text) for a second pass.
    const titles = notes.unresolvedTitles.filter(specificTitle);
    if (titles.length && day !== null) this.open.set(input.id, { input, first: result, titles });
    if (notes.unlistedSpeakers.length) this.unlisted.set(input.id, notes.unlistedSpeakers);
  }

  /** After the first pass: the articles to tag again, each with the roles it may use. */
  plan(): TagInput[] {
    const byTitle = new Map<string, Binding[]>();
    for (const b of this.bindings) {
      const list = byTitle.get(b.title);
      if (list) list.push(b);
      else byTitle.set(b.title, [b]);
    }
    // Articles of one day ask the same question: who held this title then.
    const answers = new Map<string, string | null>();
    const out: TagInput[] = [];
    for (const { input, titles } of this.open.values()) {
      const day = dayOf(input.date) as number;
      const roles: LearnedRoleInput[] = [];
      for (const title of [...titles].sort(byText)) {
        const key = `${title}\u0000${day}`;
        let name = answers.get(key);
        if (name === undefined) answers.set(key, (name = this.holder(byTitle.get(title) ?? [], day)));
        if (name) roles.push({ title, name });
      }
      if (roles.length) out.push({ ...input, learnedRoles: roles });
    }
    return out;
  }

  /** Who held a title on a day, from the bindings within the window; null when nobody or unclear. */
  private holder(bindings: Binding[], day: number): string | null {
    const near = bindings.filter((b) => Math.abs(b.day - day) <= this.options.windowDays);
    if (!near.length) return null;
    // One person may be written several ways; their bindings count as one person's.
    const { rename } = variantMap(countNames(near.map((b) => b.name)));
    const people = new Map<string, { first: number; last: number; distance: number }>();
    for (const b of near) {
      const who = rename.get(b.name) ?? b.name;
      const p = people.get(who) ?? { first: b.day, last: b.day, distance: Infinity };
      p.first = Math.min(p.first, b.day);
      p.last = Math.max(p.last, b.day);
      p.distance = Math.min(p.distance, Math.abs(b.day - day));
      people.set(who, p);
    }
    const list = [...people.entries()].sort(([a], [b]) => byText(a, b));
    // Interleaving dates: several people held the title at once in this period (or one is misread).
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) if (list[i][1].first <= list[j][1].last && list[j][1].first <= list[i][1].last) return null;
    }
    list.sort(([, a], [, b]) => a.distance - b.distance);
    if (list.length > 1 && list[0][1].distance === list[1][1].distance) return null;
    return list[0][0];
  }

  /** The second-pass tags of an article plan() returned. */
  settle(input: TagInput, { result, notes }: TaggedArticle): void {
    const first = this.open.get(input.id)?.first;
    if (!first) throw new Error(`RunLearning: article "${input.id}" was not planned for a second pass`);
    this.tally.retagged++;
    const before = new Map(first.quotes.map((q) => [`${q.start}:${q.end}`, q.speaker]));
    const moved = result.quotes.filter((q) => before.get(`${q.start}:${q.end}`) !== q.speaker).length;
    if (!moved) return;
    this.tally.articles++;
    this.tally.mentions += moved;
    this.retagged.set(input.id, result);
    this.unlisted.set(input.id, notes.unlistedSpeakers);
    for (const l of input.learnedRoles ?? []) {
      if (!notes.appliedRoles.includes(l.title)) continue;
      const r = [...this.reports.values()].filter((x) => x.title === l.title && x.name === l.name);
      for (const x of r) x.appliedArticles++;
    }
  }

  /** After the second pass: the variant merges and the final form of every article. */
  finish(): RunOutcome {
    if (this.finished) throw new Error('RunLearning: finish() called twice');
    this.finished = true;
    const { rename, merges } = variantMap(countNames([...this.unlisted.values()].flat()));
    const changed = new Set(this.retagged.keys());
    for (const [id, names] of this.unlisted) if (names.some((n) => rename.has(n))) changed.add(id);
    // A large run's notes (every article's unlisted names, the kept texts) must not stay alive
    // through the engine commit, which needs the memory most.
    this.open.clear();
    this.unlisted.clear();
    this.seen.clear();
    this.bindings.length = 0;
    const retagged = this.retagged;
    const learnedAliases = [...this.reports.values()].sort((a, b) => byText(a.title, b.title) || byText(a.name, b.name));
    return {
      report: { learnedAliases, reResolved: { ...this.tally }, variantMerges: merges },
      changed,
      finalize(first: TagResult): TagResult {
        const r = retagged.get(first.id) ?? first;
        return rename.size ? renameSpeakers(r, rename) : r;
      },
      retagged(id: string): TagResult | undefined {
        const r = retagged.get(id);
        return r && renameSpeakers(r, rename);
      },
    };
  }
}

function countNames(names: string[]): Array<{ name: string; articles: number }> {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([name, articles]) => ({ name, articles }));
}

function renameSpeakers(r: TagResult, rename: ReadonlyMap<string, string>): TagResult {
  const to = (s: string) => rename.get(s) ?? s;
  if (!r.quotes.some((q) => q.speaker && rename.has(q.speaker))) return r;
  return {
    ...r,
    quotes: r.quotes.map((q) => (q.speaker && rename.has(q.speaker) ? { ...q, speaker: to(q.speaker) } : q)),
    passages: r.passages.map((p) => ({ ...p, speakers: [...new Set(p.speakers.map(to))] })),
  };
}

/** What the run-level pass needs of a tagger: the in-process tagger and the worker pool both have it. */
export interface DetailedTagger {
  tagDetailed(input: TagInput): TaggedArticle | Promise<TaggedArticle>;
}

/** After every article of a run was observed: tag again what plan() chose, then finish. */
export async function secondPass(learning: RunLearning, tagger: DetailedTagger): Promise<RunOutcome> {
  const plan = learning.plan();
  const tagged = await Promise.all(plan.map((input) => tagger.tagDetailed(input)));
  plan.forEach((input, i) => learning.settle(input, tagged[i]));
  return learning.finish();
}

/** A whole run held in memory (the eval, tests): every article's final tags in input order, and the report. */
export async function tagRun(
  tagger: DetailedTagger,
  inputs: readonly TagInput[],
  options: Partial<RunLearningOptions> = {},
): Promise<{ results: TagResult[]; report: RunLearningReport }> {
  const learning = new RunLearning(options);
  const first = await Promise.all(inputs.map((input) => tagger.tagDetailed(input)));
  inputs.forEach((input, i) => learning.observe(input, first[i]));
  const outcome = await secondPass(learning, tagger);
  return { results: first.map((t) => outcome.finalize(t.result)), report: outcome.report };
}
