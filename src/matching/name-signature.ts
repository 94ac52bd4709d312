import { isAscii } from "./ascii";
import { HASH_SEED, hashCode, hashOf } from "./hash";
import { LEGAL_FORM_WORDS } from "./legal-forms";
import { parseCompanyName } from "./name";

/**
 * A small integer that two company names with the same key always share, computed from the raw
 * name several times faster than the key itself. The match index files accounts under it and
 * parses a name in full only when an account of the other side carries the same signature: most
 * accounts have a website, and meet by name only the few accounts without one, so most names are
 * never parsed.
 *
 * It hashes the key's first word, and its second word unless that one is a legal-form word, "and"
 * or "the" (a name may put it last, "Acme, The", and the key drops it there). The key begins with the name's first words (after a leading "the"), and only legal-form
 * words and a dangling "and" are ever cut from its end, so any other second word of the name is
 * the key's second word too. That is what lets the scan stop after two or three words.
 */
export function nameSignature(name: string): number {
  return isAscii(name) ? asciiNameSignature(name) : keySignature(parseCompanyName(name).key);
}

/** The signature of the names whose key is `key`. */
export function keySignature(key: string): number {
  const firstEnd = key.indexOf(" ");
  if (firstEnd < 0) return signature(hashOf(key, 0, key.length), null);
  const secondEnd = key.indexOf(" ", firstEnd + 1);
  return signature(
    hashOf(key, 0, firstEnd),
    hashOf(key, firstEnd + 1, secondEnd < 0 ? key.length : secondEnd),
  );
}

// Signatures are masked to the small-integer range, which arrays store without boxing.
const SIGNATURE_MASK = 0x3fffffff;

const AND_HASH = hashOf("and", 0, 3);
// Both paths test the second word by its hash: a collision only makes a signature less selective.
const UNKEPT_WORD_HASHES: ReadonlySet<number> = new Set(
  [...LEGAL_FORM_WORDS, "and", "the"].map((word) => hashOf(word, 0, word.length)),
);

function signature(firstWord: number, secondWord: number | null): number {
  const second = secondWord === null || UNKEPT_WORD_HASHES.has(secondWord) ? 0 : secondWord;
  return (Math.imul(firstWord, 31) + second) & SIGNATURE_MASK;
}

// The scan's state, reused: it runs once per account and must not allocate.
const wordHashes = new Int32Array(3);
let wordCount = 0;
let startsWithThe = false;
const THE = [116, 104, 101];

/**
 * The signature of an ASCII name, with its words read the way `parseCompanyName` reads them (see
 * `words` in name.ts, whose ASCII rules this repeats): letters and digits make words, case folded;
 * ".", "'" and "`" join what they separate, and so does "/" between single letters ("A/S"); "&"
 * and "+" are the word "and"; anything else separates words.
 */
function asciiNameSignature(name: string): number {
  wordCount = 0;
  startsWithThe = false;
  let hash = HASH_SEED;
  let length = 0;
  let spellsThe = true;
  for (let i = 0; i <= name.length; i++) {
    const code = i < name.length ? lowerCase(name.charCodeAt(i)) : 32; /* a blank ends the last word */
    if (isWordCode(code)) {
      if (length < 3) spellsThe &&= code === THE[length];
      hash = hashCode(hash, code);
      length++;
      continue;
    }
    if (code === 46 /* . */ || code === 39 /* ' */ || code === 96 /* ` */) continue;
    if (code === 47 /* / */ && length === 1 && isSlashedInitial(name, i)) continue;
    if (length > 0 && addWord(hash, spellsThe && length === 3)) return scannedSignature();
    if ((code === 38 /* & */ || code === 43) /* + */ && addWord(AND_HASH, false)) return scannedSignature();
    hash = HASH_SEED;
    length = 0;
    spellsThe = true;
  }
  return scannedSignature();
}

/** Records a word; true once the signature has all it needs: two words, or three after "the". */
function addWord(hash: number, isThe: boolean): boolean {
  if (wordCount === 0) startsWithThe = isThe;
  wordHashes[wordCount++] = hash;
  return wordCount === (startsWithThe ? 3 : 2);
}

function scannedSignature(): number {
  if (wordCount === 0) return signature(HASH_SEED, null);
  const first = startsWithThe && wordCount > 1 ? 1 : 0;
  return signature(wordHashes[first]!, first + 1 < wordCount ? wordHashes[first + 1]! : null);
}

function lowerCase(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

function isWordCode(lowerCaseCode: number): boolean {
  return (lowerCaseCode >= 97 && lowerCaseCode <= 122) || (lowerCaseCode >= 48 && lowerCaseCode <= 57);
}

function isLetterAt(text: string, i: number): boolean {
  const code = lowerCase(text.charCodeAt(i));
  return code >= 97 && code <= 122;
}

/** `isSlashedInitial` of name.ts, for a one-letter word before the slash, on text not lower-cased. */
function isSlashedInitial(text: string, slash: number): boolean {
  const after = slash + 2;
  return (
    isLetterAt(text, slash - 1) &&
    isLetterAt(text, slash + 1) &&
    (after >= text.length || !isWordCode(lowerCase(text.charCodeAt(after))))
  );
}
