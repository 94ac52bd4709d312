/**
 * Legal-form suffixes, as the token sequences `parseCompanyName` sees them (lower case, accents
 * and dots removed, "&" read as "and"), grouped under one canonical code per form so that
 * "Inc." and "Incorporated" agree while "GmbH" and "Inc" do not.
 */
const LEGAL_FORM_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  inc: ["inc", "incorporated"],
  corp: ["corp", "corporation"],
  co: ["co", "company", "cie"],
  llc: ["llc", "limited liability company"],
  llp: ["llp", "limited liability partnership"],
  lp: ["lp", "limited partnership"],
  ltd: ["ltd", "limited", "ltee"],
  ltda: ["ltda", "limitada"],
  plc: ["plc", "public limited company"],
  // "Pty Ltd" (Australia, South Africa), "Pte Ltd" (Singapore) and "Pvt Ltd" (India) are one form
  // each, not a "Ltd" that a British "Acme Ltd" would share
  pty: ["pty", "proprietary", "pty ltd", "pty limited", "proprietary limited"],
  pte: ["pte", "pte ltd", "pte limited"],
  pvt: ["pvt", "private limited", "pvt ltd", "pvt limited"],
  gmbh: ["gmbh", "gesmbh"],
  ag: ["ag", "aktiengesellschaft"],
  kg: ["kg", "kgaa"],
  ohg: ["ohg"],
  ug: ["ug", "ug haftungsbeschrankt"],
  se: ["se"],
  sa: ["sa", "s a", "societe anonyme", "sociedad anonima"],
  sas: ["sas", "s a s", "sasu"],
  sarl: ["sarl", "eurl"],
  spa: ["spa", "s p a", "societa per azioni"],
  srl: ["srl", "s r l"],
  sl: ["sl", "slu"],
  bv: ["bv", "b v", "besloten vennootschap"],
  nv: ["nv", "n v", "naamloze vennootschap"],
  cv: ["sa de cv", "s de rl de cv", "s de rl", "sapi de cv"],
  kk: ["kk", "kabushiki kaisha", "kabushikigaisha"],
  gk: ["gk", "godo kaisha"],
  oy: ["oy", "oyj"],
  ab: ["ab", "ab publ", "publ"],
  as: ["as", "asa"],
  aps: ["aps"],
  spzoo: ["sp z oo"],
  sro: ["sro"],
  doo: ["doo"],
  kft: ["kft", "zrt", "nyrt"],
  ooo: ["ooo", "zao", "oao", "pao", "pjsc", "ojsc", "jsc"],
  bhd: ["bhd", "sdn bhd"],
  tbk: ["tbk"],
};

/** Every word of every legal-form spelling ("inc", "limited", "liability", "gmbh" …). */
export const LEGAL_FORM_WORDS: ReadonlySet<string> = new Set(
  Object.values(LEGAL_FORM_SPELLINGS).flatMap((spellings) => spellings.flatMap((s) => s.split(" "))),
);

interface LegalForm {
  readonly code: string;
  readonly tokens: readonly string[];
}

/** Legal forms keyed by their last token, longest first, so a name's tail is checked against few. */
const LEGAL_FORMS_BY_LAST_TOKEN: ReadonlyMap<string, readonly LegalForm[]> = (() => {
  const byLastToken = new Map<string, LegalForm[]>();
  for (const [code, spellings] of Object.entries(LEGAL_FORM_SPELLINGS)) {
    for (const spelling of spellings) {
      const tokens = spelling.split(" ");
      const last = tokens[tokens.length - 1]!;
      const forms = byLastToken.get(last) ?? [];
      forms.push({ code, tokens });
      byLastToken.set(last, forms);
    }
  }
  for (const forms of byLastToken.values()) forms.sort((a, b) => b.tokens.length - a.tokens.length);
  return byLastToken;
})();

/**
 * The legal form that ends `tokens`, as its canonical code and token count. At least one token is
 * always left over, so a company called "Limited" keeps its name. Plain loops, no closures: this
 * runs for nearly every account name.
 */
export function trailingLegalForm(tokens: readonly string[]): { code: string; length: number } | null {
  const forms = LEGAL_FORMS_BY_LAST_TOKEN.get(tokens[tokens.length - 1]!);
  if (forms === undefined) return null;
  for (const form of forms) {
    if (endsWith(tokens, form.tokens)) return { code: form.code, length: form.tokens.length };
  }
  return null;
}

function endsWith(tokens: readonly string[], tail: readonly string[]): boolean {
  const start = tokens.length - tail.length;
  if (start < 1) return false;
  for (let i = 0; i < tail.length; i++) if (tokens[start + i] !== tail[i]) return false;
  return true;
}

/** Whether a token is a word of some legal-form spelling ("inc", "limited", "gmbh" …). */
export function isLegalFormWord(token: string): boolean {
  return LEGAL_FORM_WORDS.has(token);
}
