import { describe, expect, it } from "vitest";
import {
  isSampleRecordName,
  NAME_MATCH_THRESHOLD,
  nameKey,
  nameMatchConfidence,
  parseCompanyName,
} from "./name";

function confidence(a: string, b: string): number {
  return nameMatchConfidence(parseCompanyName(a), parseCompanyName(b));
}

describe("nameKey", () => {
  it.each([
    ["folds case", "ACME", "acme"],
    ["strips accents", "Société Générale", "societe generale"],
    ["spells out letters with no accent to strip", "Ørsted Straße", "orsted strasse"],
    ["trims and collapses blanks", "  Acme   Rocket  ", "acme rocket"],
    ["drops a leading The", "The Boring Company", "boring"],
    ["keeps The when it is the whole name", "The", "the"],
    ["reads & as and", "Johnson & Johnson", "johnson and johnson"],
    ["reads + as and", "Johnson+Johnson", "johnson and johnson"],
    ["drops punctuation", "Yahoo! (Europe)", "yahoo europe"],
    ["joins across apostrophes", "McDonald’s", "mcdonalds"],
    ["joins dotted initials", "J.P. Morgan", "jp morgan"],
    ["splits hyphenated words", "Coca-Cola", "coca cola"],
    ["keeps a legal-form word that is the whole name", "Limited", "limited"],
    ["keeps a legal-form word inside the name", "Inc Magazine", "inc magazine"],
  ])("%s: %j → %j", (_, name, key) => {
    expect(nameKey(name)).toBe(key);
  });

  it.each([
    "Acme Inc",
    "Acme Inc.",
    "Acme, Inc.",
    "Acme Incorporated",
    "Acme LLC",
    "Acme L.L.C.",
    "Acme Ltd",
    "Acme Ltd.",
    "Acme Limited",
    "Acme GmbH",
    "Acme AG",
    "Acme S.A.",
    "Acme SA",
    "Acme S.A.S.",
    "Acme SAS",
    "Acme SARL",
    "Acme B.V.",
    "Acme BV",
    "Acme N.V.",
    "Acme NV",
    "Acme PLC",
    "Acme Pty Ltd",
    "Acme Co.",
    "Acme Corp",
    "Acme Corporation",
    "Acme Company",
    "Acme KK",
    "Acme S.p.A.",
    "Acme Oy",
    "Acme AB",
    "Acme A/S",
    "Acme ApS",
    "Acme Co., Ltd.",
    "Acme GmbH & Co. KG",
    "Acme & Co",
    "Acme Private Limited",
    "Acme S.A. de C.V.",
    "Acme Sp. z o.o.",
    "Acme AB (publ)",
    "The Acme Company",
  ])("strips the legal form from %j", (name) => {
    expect(nameKey(name)).toBe("acme");
  });
});

describe("parseCompanyName", () => {
  it("reports the stripped legal forms under one code per form", () => {
    expect(parseCompanyName("Acme, Inc.").legalForms).toEqual(["inc"]);
    expect(parseCompanyName("ACME Incorporated").legalForms).toEqual(["inc"]);
    expect(parseCompanyName("Acme GmbH & Co. KG").legalForms).toEqual(["kg", "co", "gmbh"]);
    expect(parseCompanyName("Acme").legalForms).toEqual([]);
  });

  it("reads a private limited company's whole form as one, in each country's spelling", () => {
    for (const name of ["Acme Pty Ltd", "Acme (Pty) Ltd", "Acme Pty. Limited", "Acme Proprietary Limited"]) {
      expect(parseCompanyName(name).legalForms).toEqual(["pty"]);
    }
    for (const name of ["Acme Pte Ltd", "Acme Pte. Ltd.", "Acme Pte Limited"]) {
      expect(parseCompanyName(name).legalForms).toEqual(["pte"]);
    }
    for (const name of ["Acme Pvt Ltd", "Acme Pvt. Ltd.", "Acme Private Limited", "Acme Pvt Limited"]) {
      expect(parseCompanyName(name).legalForms).toEqual(["pvt"]);
    }
  });
});

describe("nameMatchConfidence", () => {
  it.each([
    ["Acme, Inc.", "ACME Incorporated"],
    ["The Boring Company", "Boring Co"],
    ["Johnson & Johnson", "Johnson and Johnson"],
    ["Société Générale S.A.", "Societe Generale"],
    ["Delta Air Lines, Inc.", "DELTA AIR LINES"],
    ["IBM", "IBM Corp"],
    ["Bank of Montreal", "BANK OF MONTREAL"],
    ["Home Depot, The", "The Home Depot"],
    ["Coca-Cola Company, The", "Coca-Cola Co"],
    ["Trader Joe's", "Trader Joes"],
    ["Home Instead, Inc.", "Home Instead"],
    ["Ironbark Mining Pty Ltd", "Ironbark Mining (Pty) Limited"],
    ["Zenith Pvt. Ltd.", "Zenith Private Limited"],
    ["Memorial Sloan Kettering", "Memorial Sloan-Kettering"],
    ["Public Storage", "Public Storage, Inc."],
    ["High Liner Foods", "High Liner Foods Inc"],
    ["Saint-Gobain", "Saint Gobain"],
    ["Đà Nẵng Port", "Da Nang Port"],
    ["Ёлка", "Елка"],
    ["שָׁלוֹם", "שלום"],
    ["مُحَمَّد", "محمد"],
    ["ソニー", "ソニー"],
  ])("matches %j with %j", (a, b) => {
    expect(confidence(a, b)).toBeGreaterThanOrEqual(NAME_MATCH_THRESHOLD);
    expect(confidence(b, a)).toBe(confidence(a, b));
  });

  it.each([
    ["Delta Air Lines", "Delta Faucet"],
    ["Apple Inc", "Apple Leisure Group"],
    ["American Airlines", "American Express"],
    ["United Airlines", "United Health Group"],
    ["Marlin Industries", "Merlin Industries"],
    ["Acme", "Acme Rocket"],
    ["グリー株式会社", "クリー株式会社"],
    ["パナソニック", "ハナソニック"],
    ["บริษัท ปิ", "บริษัท ปี"],
    ["कमल", "कोमल"],
  ])("never matches %j with %j", (a, b) => {
    expect(confidence(a, b)).toBe(0);
  });

  it.each([
    ["two-letter names", "HP Inc", "HP"],
    ["one-letter names", "X Corp", "X, Inc."],
    ["a single generic word", "Global Ltd", "Global Inc"],
    ["a single generic word", "Solutions", "Solutions LLC"],
    ["a single generic word", "The Group", "Group"],
    ["a single generic word", "Consulting GmbH", "Consulting"],
    ["only generic words", "Global Consulting Group", "Global Consulting Group"],
    ["only numbers", "1&1", "1 & 1"],
    ["empty names", "", " - "],
    ["a kind of institution found in every region", "First National Bank", "First National Bank"],
    ["a kind of institution found in every region", "Department of Health", "Department of Health"],
    ["a kind of institution found in every region", "Community Hospital", "Community Hospital"],
    ["a kind of institution found in every region", "Memorial Hospital", "Memorial Hospital"],
    ["a kind of institution found in every region", "Regional Medical Center", "Regional Medical Center"],
    ["a kind of institution found in every region", "Children's Hospital", "Childrens Hospital"],
    ["a kind of institution found in every region", "Municipal Court", "Municipal Court"],
    ["a kind of institution found in every region", "Public Library", "Public Library"],
    ["a kind of institution found in every region", "Elementary School", "Elementary School"],
    ["a kind of institution found in every region", "Middle School", "Middle School"],
    ["a kind of institution found in every region", "High School", "High School"],
    ["a kind of institution found in every region", "Primary School", "Primary School"],
    ["a kind of institution found in every region", "Fire Department", "Fire Department"],
    ["a kind of institution found in every region", "Sheriff's Office", "Sheriffs Office"],
    ["a kind of institution found in every region", "Unified School District", "Unified School District"],
    ["a kind of institution found in every region", "Town Council", "Town Council"],
    ["a kind of institution found in every region", "Township", "Township"],
    ["a kind of institution found in every region", "Housing Authority", "Housing Authority"],
    ["a CRM placeholder", "Unknown", "Unknown"],
    ["a CRM placeholder", "Test Account", "Test Account"],
    ["a CRM placeholder", "Self-employed", "Self Employed"],
    ["a CRM placeholder", "DO NOT USE", "Do not use"],
    ["a CRM placeholder", "Individual", "Individual"],
  ])("never matches %s: %j with %j", (_, a, b) => {
    expect(confidence(a, b)).toBe(0);
  });

  it.each([
    ["a Salesforce sample record", "Sample Account for Entitlements"],
    ["a Salesforce sample record", "Sample Account"],
    ["a Salesforce sample record", "Default Account"],
    ["a placeholder for an individual", "Consultant"],
    ["a placeholder for an individual", "Independent Consultant"],
    ["a placeholder for an individual", "Contractor"],
    ["a placeholder for an individual", "Home"],
    ["a placeholder for an individual", "Homeowner"],
    ["a placeholder for an individual", "Various"],
    ["a placeholder for an individual", "Self"],
    ["a placeholder for an individual", "Individual"],
    ["a placeholder for an individual", "Private"],
    ["a placeholder for an individual", "Personal"],
    ["a placeholder for an individual", "Sole Trader"],
    ["a placeholder for an individual", "Sole Proprietor"],
    ["a placeholder for an individual", "Unemployed"],
    ["a placeholder for an individual", "Anonymous"],
    ["an N/A-like value", "N/A"],
    ["an N/A-like value", "Not Applicable"],
    ["an N/A-like value", "Not Available"],
    ["an N/A-like value", "Not Provided"],
    ["an N/A-like value", "Not Specified"],
    ["an N/A-like value", "Unspecified"],
    ["an N/A-like value", "Null"],
    ["an N/A-like value", "Nil"],
    ["an N/A-like value", "TBC"],
    ["an N/A-like value", "No Name"],
    ["an N/A-like value", "Unnamed"],
    ["an N/A-like value", "XXX"],
    ["an N/A-like value", "To Be Determined"],
    ["a catch-all account for sales to anyone", "Cash Customer"],
    ["a catch-all account for sales to anyone", "Cash Sales"],
    ["a catch-all account for sales to anyone", "Walk-in Customer"],
    ["a catch-all account for sales to anyone", "One-time Customer"],
    ["a catch-all account for sales to anyone", "Retail Customer"],
    ["a catch-all account for sales to anyone", "POS Customer"],
    ["a catch-all account for sales to anyone", "Online Customer"],
    ["a catch-all account for sales to anyone", "Web Sales"],
    ["a catch-all account for sales to anyone", "Guest Account"],
    ["a catch-all account for sales to anyone", "Household"],
    ["an account for the organisation's own people", "Internal"],
    ["an account for the organisation's own people", "Employees"],
    ["an account for the organisation's own people", "Staff"],
    ["a record's status typed as its name", "Inactive"],
    ["a record's status typed as its name", "Old Account"],
    ["a record's status typed as its name", "Free Trial"],
    ["a record's status typed as its name", "Lead"],
    ["a record's status typed as its name", "Contact"],
    ["a made-up company", "Example Inc"],
    ["a made-up company", "Fake Company"],
    ["a kind of partner, not a partner", "Vendor"],
    ["a kind of partner, not a partner", "Supplier"],
    ["a kind of partner, not a partner", "Reseller"],
    ["a kind of partner, not a partner", "Distributor"],
    ["a kind of partner, not a partner", "Partner"],
    ["a private person or an unknown name in another language", "Privatperson"],
    ["a private person or an unknown name in another language", "Privatkunde"],
    ["a private person or an unknown name in another language", "Particulier"],
    ["a private person or an unknown name in another language", "Unbekannt"],
    ["a private person or an unknown name in another language", "Inconnu"],
    ["a private person or an unknown name in another language", "Desconocido"],
    ["a private person or an unknown name in another language", "Sconosciuto"],
    ["a private person or an unknown name in another language", "Desconhecido"],
    ["a private person or an unknown name in another language", "Onbekend"],
  ])("never matches %s in two organisations: %j", (_, name) => {
    expect(parseCompanyName(name).strength).toBe(0);
    expect(confidence(name, name)).toBe(0);
  });

  it("trusts a longer name more than a single short word", () => {
    expect(confidence("Johnson & Johnson", "Johnson and Johnson")).toBeGreaterThan(
      confidence("Acme Inc", "Acme"),
    );
    expect(confidence("Boring Co", "The Boring Company")).toBeGreaterThan(confidence("Acme Inc", "Acme"));
  });

  it("drops one-word names with conflicting legal forms below the threshold", () => {
    expect(confidence("Acme GmbH", "Acme Inc")).toBeLessThan(NAME_MATCH_THRESHOLD);
    // An Australian, a Singaporean, an Indian and a British company
    expect(confidence("Acme Pty Ltd", "Acme Pte Ltd")).toBeLessThan(NAME_MATCH_THRESHOLD);
    expect(confidence("Acme Pte. Ltd.", "Acme Ltd")).toBeLessThan(NAME_MATCH_THRESHOLD);
    expect(confidence("Acme Pvt Ltd", "Acme Limited")).toBeLessThan(NAME_MATCH_THRESHOLD);
    expect(confidence("Acme Pvt Ltd", "Acme Pty Ltd")).toBeLessThan(NAME_MATCH_THRESHOLD);
  });

  it("still matches longer names with conflicting legal forms, less confidently", () => {
    const conflicting = confidence("Johnson Controls GmbH", "Johnson Controls Inc");
    expect(conflicting).toBeGreaterThanOrEqual(NAME_MATCH_THRESHOLD);
    expect(conflicting).toBeLessThan(confidence("Johnson Controls Inc", "Johnson Controls"));
    // Stored and sent to API clients as it is: 0.7, not 0.7000000000000001.
    expect(conflicting).toBe(0.7);
  });

  it("does not count a missing legal form as a conflict", () => {
    expect(confidence("Acme GmbH", "Acme")).toBe(confidence("Acme GmbH", "Acme GmbH"));
  });
});

describe("isSampleRecordName", () => {
  it.each([
    "Adventure Works (sample)",
    "Fourth Coffee (sample)",
    "Litware, Inc. (sample)",
    "A. Datum Corporation (sample)",
    "A Datum (sample)",
    "Contoso Pharmaceuticals (sample)",
    "Alpine Ski House (sample)",
    "Blue Yonder Airlines (sample)",
    "City Power & Light (sample)",
    "Coho Winery (sample)",
    "Fabrikam, Inc. (sample)",
    "Adventure Works (Sample)",
  ])("recognises the Dynamics 365 sample record %j", (name) => {
    expect(isSampleRecordName(name)).toBe(true);
  });

  it.each([
    "Sample Industries Inc",
    "Acme Sample",
    "Sample Bros (UK)",
    "Acme (samples)",
    "Acme (sample) Ltd",
    "Acme (old)",
    "Sample Account for Entitlements",
    ")",
    "",
  ])("takes %j for a company's name", (name) => {
    expect(isSampleRecordName(name)).toBe(false);
  });
});
