/**
 * Per-article speaker resolution: every way an article names a speaker (full name, surname, "Mr.",
 * a title, an apposition, a pronoun) ends at one canonical entity. The people file seeds it; what
 * the article teaches (a title bound to a name) is recorded so the run can report it.
 */
import { nameKeys, namesMatch, normalizeTitle, sameKeys } from './names.js';
import type { EntityKind, PeopleDirectory } from './people.js';

export interface Entity {
  canonical: string;
  kind: EntityKind;
  forms: string[][];
  titles: Set<string>;
  /** Last position where the article named it (for recency choices). */
  lastSeen: number;
  gender?: 'm' | 'f';
}

export interface LearnedRole {
  name: string;
  title: string;
  articleId: string;
}

export interface ResolverDeps {
  people: PeopleDirectory;
  /**
   * Titles other articles of the run bound to one person (title → name), for this article's date:
   * they resolve a bare title only where the people file names no holder of it on that date.
   */
  runRoles?: ReadonlyMap<string, string>;
  /** Gazetteer lookup for organisations and places written as names. */
  lookup(name: string): { name: string; kind: 'place' | 'organisation' } | null;
}

const ORG_WORD =
  /\b(party|army|ministry|council|office|agency|department|committee|commission|court|post|times|news|campaign|foundation|institute|university|bank|government|assembly|police|service|forces|tehreek|tehrik|taliban|association|union|corporation|company|group|network|center|centre|board|bureau|administration|senate|congress|house|journal|press|reuters|tribune|media|authority|fund|organization|organisation)\b/i;

const PLACE_WORD = /\b(ocean|sea|river|lake|mountains?|island|islands|valley|street|avenue|road|square|park|county|bay|gulf|desert|coast|peninsula|canal|airport|stadium|bridge)$/i;

export class ArticleResolver {
  readonly entities: Entity[] = [];
  readonly learned: LearnedRole[] = [];
  /** Titles written alone ("the interior minister") that neither the article nor the people file resolved. */
  readonly unresolvedTitles = new Set<string>();
  /** Titles resolved through the run's learned roles. */
  readonly appliedRoles = new Set<string>();
  /** Recent speakers and sentence subjects, for pronouns: [entity, position]. */
  private focus: Array<[Entity, number]> = [];

  constructor(
    private readonly deps: ResolverDeps,
    private readonly date: string | null,
    private readonly articleId: string,
  ) {}

  /** A written name (no title) to its entity, creating one for a new full name. */
  byName(name: string, pos: number, create = true): Entity | null {
    const clean = name.replace(/^the\s+/i, '').replace(/['’]s$/u, '').trim();
    const keys = nameKeys(clean);
    if (!keys.length) return null;
    let e = this.byForm(keys);
    if (!e && keys.length === 1) e = this.bySingleWord(keys[0]);
    if (!e) {
      const rec = this.deps.people.byName(clean);
      if (rec) e = this.entities.find((x) => x.canonical === rec.name) ?? this.add(rec.name, rec.kind, [nameKeys(rec.name)]);
    }
    if (!e) {
      const g = this.deps.lookup(clean);
      if (g) e = this.entities.find((x) => x.canonical === g.name) ?? this.add(g.name, g.kind, [nameKeys(g.name)]);
    }
    if (!e && keys.length > 1) {
      // "CRSS Annual Security Report": a listed organisation heading a longer name speaks for it.
      const g = this.deps.lookup(clean.split(/\s+/)[0]);
      if (g?.kind === 'organisation') e = this.entities.find((x) => x.canonical === g.name) ?? this.add(g.name, g.kind, [nameKeys(g.name)]);
    }
    if (!e && create) {
      if (PLACE_WORD.test(clean)) return null; // "the Pacific Ocean" says nothing
      const kind: EntityKind = /^[\p{Lu}.]{2,6}$/u.test(clean) || ORG_WORD.test(clean) ? 'organisation' : 'person';
      // A surname never introduced in full ("Mr. Obama said") is still a speaker, named as written.
      if (keys.length < 2 && kind === 'person' && !/^\p{Lu}\p{Ll}{2,}$/u.test(clean)) return null;
      e = this.add(clean, kind, []);
    }
    if (!e) return null;
    if (!e.forms.some((f) => sameKeys(f, keys))) this.addForm(e, keys);
    e.lastSeen = Math.max(e.lastSeen, pos);
    return e;
  }

  /** Entities indexed by the last word of each written form: variants share it (namesMatch). */
  private readonly byLast = new Map<string, Entity[]>();

  private addForm(e: Entity, keys: string[]): void {
    if (!e.forms.includes(keys)) e.forms.push(keys);
    const last = keys[keys.length - 1];
    const list = this.byLast.get(last) ?? [];
    if (!list.includes(e)) list.push(e);
    this.byLast.set(last, list);
  }

  private byForm(keys: string[]): Entity | undefined {
    const cands = this.byLast.get(keys[keys.length - 1]);
    return cands?.find((x) => x.forms.some((f) => namesMatch(keys, f)));
  }

  /** A surname or first-name-only mention ("Asif", "Dar"): the one entity it can be, or the most recent. */
  private bySingleWord(key: string): Entity | undefined {
    const hits = (this.byLast.get(key) ?? []).filter((x) => x.kind === 'person' && x.forms.some((f) => f.length > 1 && f[f.length - 1] === key));
    if (hits.length) return hits.reduce((a, b) => (b.lastSeen > a.lastSeen ? b : a));
    return this.entities.find((x) => x.kind === 'person' && x.forms.some((f) => f.length > 1 && f[0] === key));
  }

  private add(canonical: string, kind: EntityKind, forms: string[][]): Entity {
    const e: Entity = { canonical, kind, forms: [], titles: new Set(), lastSeen: -1 };
    for (const f of forms.length ? forms : [nameKeys(canonical)]) this.addForm(e, f);
    this.entities.push(e);
    return e;
  }

  /** "Defence Minister Khawaja Asif", "Asif, the defence minister": the article binds a title to a person. */
  learnTitle(e: Entity, title: string): void {
    const t = normalizeTitle(title);
    if (!t || e.kind !== 'person' || e.titles.has(t)) return;
    const gendered = /\b(?:spokes|chair|congress|business|council|anchor|country)(wo)?man\b/.exec(t);
    if (gendered) this.noteGender(e, gendered[1] ? 'f' : 'm');
    e.titles.add(t);
    const rec = this.deps.people.byName(e.canonical);
    if (!rec || !rec.roles.some((r) => r.title === t || r.title.endsWith(` ${t}`))) this.learned.push({ name: e.canonical, title: t, articleId: this.articleId });
  }

  /** A description ("the defence minister", "Pakistan’s Defense Minister", "the minister") to a person. */
  byTitle(description: string, pos: number): Entity | null {
    const t = normalizeTitle(description);
    if (!t) return null;
    const named = this.deps.lookup(t) ?? (this.deps.people.byName(t) ? { name: this.deps.people.byName(t)!.name } : null);
    if (named) return this.byName(named.name, pos);
    const exact = this.entities.filter((x) => x.titles.has(t));
    if (exact.length) return this.mostRecent(exact);
    // A bare head ("the minister") stands for the person in focus holding any such title.
    if (!t.includes(' ')) {
      const byHead = this.entities.filter((x) => [...x.titles].some((tt) => tt === t || tt.endsWith(` ${t}`)));
      if (byHead.length) return this.mostRecent(byHead);
    }
    const rec = this.deps.people.byTitle(t, this.date);
    if (rec) {
      const e = this.byName(rec.name, pos);
      if (e) e.titles.add(t);
      return e;
    }
    // The people file stays the authority: a learned role only fills a title nobody there holds that day.
    const learned = this.deps.runRoles?.get(t);
    if (learned && !this.deps.people.hasHolder(t, this.date)) {
      const e = this.byName(learned, pos);
      if (e) {
        e.titles.add(t);
        this.appliedRoles.add(t);
        return e;
      }
    }
    this.unresolvedTitles.add(t);
    return null;
  }

  /** Most recently in focus (spoke or was a subject), else most recently named. */
  private mostRecent(list: Entity[]): Entity {
    for (let i = this.focus.length - 1; i >= 0; i--) if (list.includes(this.focus[i][0])) return this.focus[i][0];
    return list.reduce((a, b) => (b.lastSeen > a.lastSeen ? b : a));
  }

  /** Mark an entity as the current topic of the narration (a speaker or a sentence subject). */
  noteFocus(e: Entity, pos: number): void {
    this.focus.push([e, pos]);
    if (this.focus.length > 50) this.focus.shift();
  }

  /** What the article shows of a person's gender ("Mr. Asif", "the spokeswoman"); the first sign wins. */
  noteGender(e: Entity, gender: 'm' | 'f'): void {
    if (e.kind === 'person' && !e.gender) e.gender = gender;
  }

  /** he/she → the last person in focus of a compatible gender; they/it → the last organisation or place. */
  byPronoun(pronoun: string, pos: number): Entity | null {
    const p = pronoun.toLowerCase();
    const personal = p === 'he' || p === 'she' || p === 'him' || p === 'her' || p === 'i';
    const clash = p === 'he' || p === 'him' ? 'f' : p === 'she' || p === 'her' ? 'm' : null;
    for (let i = this.focus.length - 1; i >= 0; i--) {
      const [e, at] = this.focus[i];
      if (at > pos) continue;
      if (personal ? e.kind === 'person' && e.gender !== clash : e.kind !== 'person') return e;
    }
    return null;
  }
}
