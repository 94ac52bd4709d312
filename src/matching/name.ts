import { isAscii, isDigits } from "./ascii";
import { GENERIC_WORDS } from "./generic-words";
import { isLegalFormWord, trailingLegalForm } from "./legal-forms";

/**
 * Name matches below this confidence are not reported. Names are a weak signal (many unrelated
 * companies share one), so only exact equality of the normalised name counts, never a fuzzy or
 * partial overlap: "Delta Air Lines" and "Delta Faucet" share a word, not a company. One-character
 * typos are not forgiven either: "Marlin Industries" and "Merlin Industries" are two businesses.
 */
export const NAME_MATCH_THRESHOLD = 0.65;

/** Confidence of an equal key of two or more words: "johnson and johnson", "delta air lines". */
const SEVERAL_WORDS_CONFIDENCE = 0.8;
/** Confidence of an equal one-word key: "boring". */
const ONE_WORD_CONFIDENCE = 0.7;
/** One short word ("ibm", "acme") is often an acronym that several companies use. */
const SHORT_WORD_CONFIDENCE = 0.65;
const SHORT_WORD_MAX_LENGTH = 4;
/** Keys this short ("hp", "3m", "x") say too little to match on. */
const MIN_KEY_LENGTH = 3;
/**
 * Taken off when both names carry legal forms and none agree: "Acme GmbH" and "Acme Inc" are at
 * best sister companies in two countries, often unrelated. It drops one-word names below the
 * threshold and leaves longer names matching at a lower confidence.
 */
const LEGAL_FORM_CONFLICT_PENALTY = 0.1;

/** A company name reduced to what identifies the company. */
export interface CompanyName {
  /** The canonical key: "acme" for "Acme, Inc.", "johnson and johnson" for "Johnson & Johnson". */
  readonly key: string;
  /** Canonical codes of the legal forms stripped from the end ("inc", "gmbh", "co" …). */
  readonly legalForms: readonly string[];
  /** Confidence that an equal key means the same company; 0 when the key is too short or generic to match. */
  readonly strength: number;
}

/**
 * Marks after a letter of a script where they are accents or optional pointing, with that letter
 * kept: "é" (e and an acute, once decomposed), "ё", Hebrew vowel points, Arabic harakat. Elsewhere
 * a mark makes another letter, or spells a vowel or a tone, and stays: the voicing mark tells
 * グリー (GREE) from クリー (Cree), a vowel sign tells कोमल from कमल, and so in Thai.
 */
const ACCENTS =
  /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Common}])\p{M}+/gu;
// Letters that Unicode does not decompose into a base letter plus a mark.
const UNDECOMPOSED_LETTERS = /[ßæøœłđþı]/g;
const UNDECOMPOSED_LETTER_SPELLINGS: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  ø: "o",
  œ: "oe",
  ł: "l",
  đ: "d",
  þ: "th",
  ı: "i",
};
// Shared by the many names that carry no legal form.
const NO_LEGAL_FORMS: readonly string[] = [];
// Outside ASCII, what is neither punctuation, symbol, blank nor control counts as part of a word.
const NON_WORD_CHARACTER = /[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}]/u;

/**
 * Reduces a company name to its canonical key and legal forms: case and accents folded, "&", "+"
 * and "and" read alike, punctuation dropped, a leading or trailing "The" and trailing legal forms
 * removed.
 */
export function parseCompanyName(name: string): CompanyName {
  const tokens = words(foldToAscii(name));
  if (tokens.length > 1 && tokens[0] === "the") tokens.shift();
  // Sorted lists write it last: "Home Depot, The".
  if (tokens.length > 1 && tokens[tokens.length - 1] === "the") tokens.pop();
  let legalForms: string[] | null = null;
  for (let form = trailingLegalForm(tokens); form !== null; form = trailingLegalForm(tokens)) {
    // A literal, not a push into []: it is kept with the name, and push would reserve 16 entries.
    if (legalForms === null) legalForms = [form.code];
    else legalForms.push(form.code);
    tokens.length -= form.length;
    // "Smith & Co" leaves a dangling "and" once "co" is gone.
    while (tokens.length > 1 && tokens[tokens.length - 1] === "and") tokens.pop();
  }
  const key = tokens.join(" ");
  return { key, legalForms: legalForms ?? NO_LEGAL_FORMS, strength: keyStrength(tokens, key) };
}

const SAMPLE_MARKER = "(sample)";

/**
 * Whether a name is that of a CRM's sample record rather than a company's: Dynamics 365 sample
 * data (installed with trials, and by admins on demand) ends every record's name with "(sample)":
 * "Adventure Works (sample)", "Litware, Inc. (sample)". They stand for Microsoft's fictitious
 * companies, whose websites they can carry, so two organisations that both kept them would overlap
 * on them, by name and by domain; such an account never matches at all (see `createMatchIndex`).
 *
 * The parenthesised marker closing the name counts, not the word: "Sample Industries Inc" is a
 * real company that must still match by its website, while "(sample)" at the end is a label no
 * company name ends with. The accounts contract trims names, and only one ending in ")" is read
 * further: nearly every account costs one character comparison.
 */
export function isSampleRecordName(name: string): boolean {
  const start = name.length - SAMPLE_MARKER.length;
  return (
    name.charCodeAt(name.length - 1) === 41 /* ) */ &&
    start >= 0 &&
    name.slice(start).toLowerCase() === SAMPLE_MARKER
  );
}

/** The canonical key of a company name; see `parseCompanyName`. */
export function nameKey(name: string): string {
  return parseCompanyName(name).key;
}

/**
 * Confidence (0..1) that two names denote the same company. Only equal keys score above 0; compare
 * the result with `NAME_MATCH_THRESHOLD`.
 */
export function nameMatchConfidence(a: CompanyName, b: CompanyName): number {
  if (a.key !== b.key || a.strength === 0) return 0;
  // Rounded to whole percents: the difference in binary floating point is 0.7000000000000001,
  // which overlaps would store and the API send as it is.
  return legalFormsConflict(a.legalForms, b.legalForms)
    ? Math.round((a.strength - LEGAL_FORM_CONFLICT_PENALTY) * 100) / 100
    : a.strength;
}

function foldToAscii(name: string): string {
  const lower = name.toLowerCase();
  if (isAscii(lower)) return lower;
  return lower
    .normalize("NFKD")
    .replace(ACCENTS, "$1")
    .replace(UNDECOMPOSED_LETTERS, spellUndecomposedLetter);
}

function spellUndecomposedLetter(letter: string): string {
  return UNDECOMPOSED_LETTER_SPELLINGS[letter] ?? letter;
}

/**
 * Splits a folded name into words. Apostrophes and dots join what they separate ("McDonald's" →
 * "mcdonalds", "L.L.C." → "llc"), and so does a slash between single letters ("A/S" → "as");
 * "&" and "+" become the word "and". A hand-rolled scan: it runs for every account of every import,
 * and is several times faster than a chain of regular expressions.
 */
function words(text: string): string[] {
  const tokens: string[] = [];
  let token = "";
  let segmentStart = -1;
  for (let i = 0; i < text.length; i++) {
    if (isWordCharacter(text, i)) {
      if (segmentStart < 0) segmentStart = i;
      continue;
    }
    if (segmentStart >= 0) {
      token += text.slice(segmentStart, i);
      segmentStart = -1;
    }
    const character = text[i]!;
    if (JOINERS.has(character)) continue;
    if (character === "/" && isSlashedInitial(text, i, token)) continue;
    if (token !== "") tokens.push(token);
    token = "";
    if (character === "&" || character === "+") tokens.push("and");
  }
  if (segmentStart >= 0) token += text.slice(segmentStart);
  if (token !== "") tokens.push(token);
  return tokens;
}

const JOINERS: ReadonlySet<string> = new Set([".", "'", "’", "‘", "`"]);

function isWordCharacter(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
  return !NON_WORD_CHARACTER.test(text[i]!);
}

function isSlashedInitial(text: string, slash: number, tokenBefore: string): boolean {
  const after = slash + 2;
  return (
    tokenBefore.length === 1 &&
    isAsciiLetter(text.charCodeAt(slash - 1)) &&
    isAsciiLetter(text.charCodeAt(slash + 1)) &&
    (after >= text.length || !isWordCharacter(text, after))
  );
}

function isAsciiLetter(code: number): boolean {
  return code >= 97 && code <= 122;
}

function keyStrength(tokens: readonly string[], key: string): number {
  if (key.length - (tokens.length - 1) < MIN_KEY_LENGTH) return 0;
  if (tokens.every(isUndistinctive)) return 0;
  if (tokens.length > 1) return SEVERAL_WORDS_CONFIDENCE;
  return key.length <= SHORT_WORD_MAX_LENGTH ? SHORT_WORD_CONFIDENCE : ONE_WORD_CONFIDENCE;
}

function isUndistinctive(token: string): boolean {
  return GENERIC_WORDS.has(token) || isLegalFormWord(token) || isDigits(token);
}

function legalFormsConflict(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  for (const form of a) if (b.includes(form)) return false;
  return true;
}
