/**
 * How one organisation's CRM records the companies it deals with, with the mess real CRMs have:
 * duplicate records, subsidiaries on country domains, missing websites, free-mail addresses typed
 * into the Website field, legal forms and capitals used inconsistently.
 */
import type { AccountInput, Relationship } from "../../src/contract/accounts";
import type { Company } from "./companies";
import type { Random } from "./random";

export interface CrmListSpec {
  size: number;
  crmId: (n: number) => string;
  /** The organisation's account owners, "First Last"; emails are first.last@<ownerDomain>. */
  owners: readonly string[];
  ownerDomain: string;
  /** Out of 100: customers, opportunities; the rest are prospects. */
  mix: { customer: number; opportunity: number };
  /** How likely a company is to be in this list, relative to others (default 1). */
  affinity?: (company: Company) => number;
}

const LEGAL_FORMS = [" Inc", " Inc.", ", Inc.", " LLC", " Corp.", " Corporation", " Co."];
const FREE_MAIL = ["gmail.com", "outlook.com", "yahoo.com", "hotmail.com"];

/** The companies of one list: each company at most once, more likely where `affinity` is higher. */
function chooseCompanies(random: Random, companies: readonly Company[], spec: CrmListSpec): Company[] {
  const weights = companies.map((company) => spec.affinity?.(company) ?? 1);
  const mean = weights.reduce((sum, weight) => sum + weight, 0) / weights.length;
  const probability = spec.size / companies.length / mean;
  const chosen = companies.filter((_, index) => random.chance(probability * weights[index]!));
  return chosen.slice(0, spec.size);
}

function relationship(random: Random, mix: CrmListSpec["mix"]): Relationship {
  const roll = random.between(1, 100);
  if (roll <= mix.customer) return "customer";
  return roll <= mix.customer + mix.opportunity ? "opportunity" : "prospect";
}

function websiteAsTyped(random: Random, domain: string): string {
  if (random.chance(0.15)) return `https://www.${domain}/`;
  if (random.chance(0.1)) return `www.${domain}`;
  return domain;
}

/** One company as a CRM user typed it in. */
function record(random: Random, company: Company): Pick<AccountInput, "name" | "websites" | "region"> {
  const subsidiary =
    company.subsidiaries.length > 0 && random.chance(0.4) ? random.pick(company.subsidiaries) : null;
  if (subsidiary) {
    return {
      name: subsidiary.name,
      websites: [websiteAsTyped(random, subsidiary.domain)],
      region: subsidiary.region,
    };
  }
  let name = company.name + (random.chance(0.2) ? random.pick(LEGAL_FORMS) : "");
  if (random.chance(0.04)) name = name.toUpperCase();
  const roll = random.next();
  const websites =
    roll < 0.08
      ? []
      : roll < 0.11
        ? [random.pick(FREE_MAIL)]
        : company.subsidiaries.length > 0 && roll < 0.4
          ? [websiteAsTyped(random, company.domain), ...company.subsidiaries.map((s) => s.domain)]
          : [websiteAsTyped(random, company.domain)];
  return { name, websites, region: company.region };
}

export function crmList(random: Random, companies: readonly Company[], spec: CrmListSpec): AccountInput[] {
  const accounts: AccountInput[] = [];
  const add = (company: Company, typed: Pick<AccountInput, "name" | "websites" | "region">) => {
    const owner = random.pick(spec.owners);
    accounts.push({
      crmId: spec.crmId(accounts.length),
      ...typed,
      relationship: relationship(random, spec.mix),
      ownerName: owner,
      ownerEmail: `${owner.toLowerCase().replace(/ /g, ".")}@${spec.ownerDomain}`,
      industry: company.industry,
      segment: company.segment,
    });
  };
  for (const company of chooseCompanies(random, companies, spec)) {
    add(company, record(random, company));
    // A second record of the same company, created by another rep who did not search first.
    if (random.chance(0.03)) add(company, record(random, company));
  }
  return accounts;
}
