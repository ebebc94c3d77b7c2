/**
 * The curated people file: canonical names, spellings and roles with date ranges. It seeds the
 * per-article resolver; lookups are by variant-tolerant name and by role held on a date.
 */
import { readFileSync } from 'node:fs';
import { nameKeys, namesMatch, normalizeTitle } from './names.js';

export type EntityKind = 'person' | 'organisation' | 'place';

export interface Role {
  title: string;
  country?: string;
  /** YYYY-MM-DD, inclusive; null = open. */
  from: string | null;
  to: string | null;
}

export interface PersonRecord {
  name: string;
  kind: 'person' | 'organisation';
  aliases: string[];
  roles: Role[];
}

interface Form {
  keys: string[];
  record: PersonRecord;
}

export class PeopleDirectory {
  /** Every name and alias as keys, indexed three ways: a lookup is by a spelling never seen before. */
  private readonly byJoined = new Map<string, Form[]>();
  /** Forms of two or more words by their last word, and by their first. */
  private readonly byLastWord = new Map<string, Form[]>();
  private readonly byFirstWord = new Map<string, Form[]>();

  constructor(readonly records: PersonRecord[]) {
    const push = (m: Map<string, Form[]>, k: string, f: Form) => {
      const list = m.get(k);
      if (list) list.push(f);
      else m.set(k, [f]);
    };
    for (const r of records) {
      for (const n of [r.name, ...r.aliases]) {
        const f = { keys: nameKeys(n.replace(/^the\s+/i, '')), record: r };
        push(this.byJoined, f.keys.join(' '), f);
        if (f.keys.length > 1) {
          push(this.byLastWord, f.keys[f.keys.length - 1], f);
          push(this.byFirstWord, f.keys[0], f);
        }
      }
    }
  }

  static load(path: string): PeopleDirectory {
    let raw: { people?: unknown };
    try {
      raw = JSON.parse(readFileSync(path, 'utf8')) as { people?: unknown };
    } catch (err) {
      throw new Error(`Tagger: cannot read people file ${path}: ${(err as Error).message}`);
    }
    if (!Array.isArray(raw.people)) throw new Error(`Tagger: people file ${path} must have a "people" array`);
    const records = raw.people.map((p: Record<string, unknown>, i): PersonRecord => {
      const where = `Tagger: people file ${path} entry #${i}`;
      if (typeof p.name !== 'string' || !p.name.trim()) throw new Error(`${where} needs a name`);
      const kind = p.kind ?? 'person';
      if (kind !== 'person' && kind !== 'organisation') throw new Error(`${where} has kind "${String(kind)}" (person | organisation)`);
      const aliases = p.aliases ?? [];
      if (!Array.isArray(aliases) || !aliases.every((a) => typeof a === 'string')) throw new Error(`${where} aliases must be strings`);
      const roles = (p.roles ?? []) as Role[];
      if (!Array.isArray(roles)) throw new Error(`${where} roles must be a list`);
      for (const r of roles) {
        if (typeof r.title !== 'string') throw new Error(`${where} has a role without title`);
        for (const d of [r.from, r.to]) {
          if (d !== null && d !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`${where} role date "${d}" is not YYYY-MM-DD`);
        }
      }
      return {
        name: p.name,
        kind,
        aliases,
        roles: roles.map((r) => ({ title: normalizeTitle(r.title), country: r.country, from: r.from ?? null, to: r.to ?? null })),
      };
    });
    return new PeopleDirectory(records);
  }

  private readonly nameCache = new Map<string, PersonRecord | null>();

  /** The one record whose name or alias is this name or a spelling variant of it; null when none or ambiguous. */
  byName(name: string): PersonRecord | null {
    let r = this.nameCache.get(name);
    if (r === undefined) {
      r = this.lookupName(name);
      if (this.nameCache.size < 100_000) this.nameCache.set(name, r);
    }
    return r;
  }

  private lookupName(name: string): PersonRecord | null {
    const keys = nameKeys(name.replace(/^the\s+/i, ''));
    if (!keys.length) return null;
    const exact = new Set((this.byJoined.get(keys.join(' ')) ?? []).map((f) => f.record));
    if (exact.size === 1) return [...exact][0];
    if (exact.size > 1) return null;
    // Not written exactly as listed, a name of two or more words can only match a form with its last word.
    if (keys.length > 1) {
      const variants = new Set((this.byLastWord.get(keys[keys.length - 1]) ?? []).filter((f) => namesMatch(keys, f.keys)).map((f) => f.record));
      return variants.size === 1 ? [...variants][0] : null;
    }
    // A bare surname ("Asif") names a listed person only when no other listed person shares it (two Sharifs: neither).
    const bySurname = new Set((this.byLastWord.get(keys[0]) ?? []).filter((f) => f.record.kind === 'person').map((f) => f.record));
    // Nor when it is another listed person's first name ("Nawaz" alone is usually Nawaz Sharif, not Maryam Nawaz).
    const asFirstName = (this.byFirstWord.get(keys[0]) ?? []).some((f) => !bySurname.has(f.record));
    return bySurname.size === 1 && !asFirstName ? [...bySurname][0] : null;
  }

  /**
   * Who held this title on this date. Without a date, only a title that one person in the file has
   * ever held resolves: a bare "the defence minister" must not pick one of several holders at random.
   */
  byTitle(title: string, date: string | null): PersonRecord | null {
    const holders = this.holders(normalizeTitle(title), date);
    return holders.length === 1 ? holders[0] : null;
  }

  /** Whether anyone in the file holds this (normalised) title on this date (ever, without a date). */
  hasHolder(title: string, date: string | null): boolean {
    return this.holders(title, date).length > 0;
  }

  private holders(t: string, date: string | null): PersonRecord[] {
    return this.records.filter((r) =>
      r.roles.some((role) => role.title === t && (!date || ((!role.from || role.from <= date) && (!role.to || date <= role.to)))),
    );
  }
}
