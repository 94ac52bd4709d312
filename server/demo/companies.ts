/**
 * The made-up world the demo organisations sell into: a few thousand companies, each with a name,
 * a website, an industry, a size and a region. Some have country subsidiaries with their own
 * websites, and some share the first word of their name with an unrelated company ("Delta Air
 * Lines" and "Delta Faucet"), so that matching has real-world traps to get right.
 */
import type { Segment } from "../../src/contract/accounts";
import type { Random } from "./random";

export interface Company {
  name: string;
  /** The registrable domain of the main website. */
  domain: string;
  industry: string;
  segment: Segment;
  region: string;
  /** Country sites of subsidiaries: "Brightfield GmbH" on brightfield.de. */
  subsidiaries: { name: string; domain: string; region: string }[];
}

const FIRST = [
  "Blue",
  "Copper",
  "North",
  "Silver",
  "Iron",
  "Harbor",
  "Pine",
  "Cedar",
  "Granite",
  "Summit",
  "Atlas",
  "Beacon",
  "Crest",
  "Falcon",
  "Maple",
  "Orchid",
  "Quartz",
  "Raven",
  "Sterling",
  "Willow",
  "Amber",
  "Birch",
  "Coral",
  "Dune",
  "Ember",
  "Fern",
  "Glacier",
  "Heron",
  "Indigo",
  "Juniper",
  "Kestrel",
  "Lark",
  "Meadow",
  "Nimbus",
  "Oak",
  "Pebble",
  "Quill",
  "Ridge",
  "Saffron",
  "Tundra",
  "Umber",
  "Vale",
  "Wren",
  "Yarrow",
];
const SECOND = [
  "field",
  "stone",
  "ridge",
  "point",
  "gate",
  "wood",
  "bridge",
  "brook",
  "line",
  "works",
  "haven",
  "crest",
  "ford",
  "mark",
  "well",
  "view",
  "wave",
  "path",
  "peak",
  "light",
];
const INDUSTRIES: readonly { industry: string; words: readonly string[]; tld: string }[] = [
  { industry: "Logistics", words: ["Logistics", "Freight", "Shipping"], tld: "com" },
  { industry: "Healthcare", words: ["Health", "Medical", "Clinics"], tld: "com" },
  { industry: "Software", words: ["Software", "Systems", "Labs"], tld: "io" },
  { industry: "Manufacturing", words: ["Manufacturing", "Industries", "Components"], tld: "com" },
  { industry: "Financial services", words: ["Bank", "Capital", "Insurance"], tld: "com" },
  { industry: "Retail", words: ["Outfitters", "Markets", "Stores"], tld: "com" },
  { industry: "Energy", words: ["Energy", "Power", "Renewables"], tld: "energy" },
  { industry: "Hospitality", words: ["Hotels", "Resorts", "Hospitality"], tld: "com" },
  { industry: "Media", words: ["Media", "Studios", "Publishing"], tld: "media" },
  { industry: "Biotech", words: ["Biotech", "Therapeutics", "Biosciences"], tld: "bio" },
];
const REGIONS = ["North America", "North America", "North America", "EMEA", "EMEA", "APAC", "LATAM"];
/** Where subsidiaries sit: the legal form they carry and their country domain. */
const SUBSIDIARY_COUNTRIES = [
  { form: "GmbH", suffix: "de", region: "EMEA" },
  { form: "Ltd", suffix: "co.uk", region: "EMEA" },
  { form: "SAS", suffix: "fr", region: "EMEA" },
  { form: "Pty Ltd", suffix: "com.au", region: "APAC" },
  { form: "K.K.", suffix: "co.jp", region: "APAC" },
  { form: "Ltda", suffix: "com.br", region: "LATAM" },
];
/**
 * Unrelated companies with look-alike names: the matcher must keep them apart. Each has its own
 * website, so only a precision-first name rule keeps a website-less record from joining them.
 */
export const LOOK_ALIKES: readonly Company[] = [
  ["Delta Air Lines", "delta.com", "Hospitality", "enterprise"],
  ["Delta Faucet Company", "deltafaucet.com", "Manufacturing", "enterprise"],
  ["Summit Bank", "summitbank.com", "Financial services", "mid_market"],
  ["Summit Health", "summithealth.com", "Healthcare", "enterprise"],
  ["Apex Logistics", "apexlogistics.com", "Logistics", "mid_market"],
  ["Apex Dental Group", "apexdentalgroup.com", "Healthcare", "smb"],
  ["Mercury Insurance", "mercuryinsurance.com", "Financial services", "enterprise"],
  ["Mercury Systems", "mrcy.com", "Manufacturing", "enterprise"],
].map(([name, domain, industry, segment]) => ({
  name: name!,
  domain: domain!,
  industry: industry!,
  segment: segment as Segment,
  region: "North America",
  subsidiaries: [],
}));

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "");

export function createCompanies(random: Random, count: number): Company[] {
  const companies: Company[] = [...LOOK_ALIKES];
  const taken = new Set(companies.map((company) => company.domain));
  const names = new Set(companies.map((company) => company.name));
  while (companies.length < count) {
    const sector = random.pick(INDUSTRIES);
    const stem = random.pick(FIRST) + random.pick(SECOND);
    const name = `${stem} ${random.pick(sector.words)}`;
    const domain = `${slug(random.chance(0.5) ? stem : name)}.${sector.tld}`;
    // Real markets do have namesakes, but the look-alikes above are the ones the demo shows.
    if (taken.has(domain) || names.has(name)) continue;
    taken.add(domain);
    names.add(name);
    const segment = random.pick<Segment>(["smb", "smb", "mid_market", "mid_market", "enterprise"]);
    const country = random.pick(SUBSIDIARY_COUNTRIES);
    const subsidiaryDomain = `${domain.slice(0, domain.lastIndexOf("."))}.${country.suffix}`;
    const subsidiaries =
      segment === "enterprise" && random.chance(0.4) && !taken.has(subsidiaryDomain)
        ? [{ name: `${name} ${country.form}`, domain: subsidiaryDomain, region: country.region }]
        : [];
    for (const subsidiary of subsidiaries) taken.add(subsidiary.domain);
    companies.push({
      name,
      domain,
      industry: sector.industry,
      segment,
      region: random.pick(REGIONS),
      subsidiaries,
    });
  }
  return companies;
}
