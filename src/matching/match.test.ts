import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accountDomains } from "./domain";
import { hashOf } from "./hash";
import {
  type AccountMatch,
  CONTAINED_DOMAINS_CONFIDENCE,
  createMatchIndex,
  type MatchableAccount,
  matchAll,
  OVERLAPPING_DOMAINS_CONFIDENCE,
  SAME_DOMAINS_CONFIDENCE,
} from "./match";
import { isSampleRecordName, NAME_MATCH_THRESHOLD, nameMatchConfidence, parseCompanyName } from "./name";

function account(id: string, name: string, ...domains: string[]): MatchableAccount {
  return { id, name, domains };
}

function pairs(matches: readonly AccountMatch[]): string[] {
  return matches.map((m) => `${m.leftId}-${m.rightId}`);
}

describe("matchAll by domain", () => {
  it("matches accounts sharing a domain, whatever their names", () => {
    const matches = matchAll(
      [account("l1", "Acme", "acme.com")],
      [account("r1", "ACME Holdings plc", "acme.com")],
    );
    expect(matches).toEqual([
      {
        leftId: "l1",
        rightId: "r1",
        method: "domain",
        confidence: SAME_DOMAINS_CONFIDENCE,
        matchedOn: "acme.com",
      },
    ]);
  });

  it("matches a subsidiary whose website is on a subdomain of the parent's domain", () => {
    const subsidiary = account("l1", "Acme Retail UK", ...accountDomains(["https://shop.acme.co.uk/en"]));
    expect(
      pairs(matchAll([subsidiary], [account("r1", "Acme", ...accountDomains(["www.acme.co.uk"]))])),
    ).toEqual(["l1-r1"]);
  });

  it("does not match country domains of the same brand", () => {
    expect(matchAll([account("l1", "Acme", "acme.de")], [account("r1", "Acme", "acme.com")])).toEqual([]);
  });

  it("reports an account once when it shares several domains", () => {
    const matches = matchAll(
      [account("l1", "Acme", "acme.com", "acme.de")],
      [account("r1", "Acme", "acme.com", "acme.de")],
    );
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ confidence: SAME_DOMAINS_CONFIDENCE, matchedOn: "acme.com" });
  });

  it("is slightly less sure when one account lists more domains than the other", () => {
    const [match] = matchAll(
      [account("l1", "Acme", "acme.com")],
      [account("r1", "Acme", "acme.com", "acme.de")],
    );
    expect(match?.confidence).toBe(CONTAINED_DOMAINS_CONFIDENCE);
  });

  it("is less sure again when each account lists a domain the other lacks", () => {
    const [match] = matchAll(
      [account("l1", "Acme", "acme.com", "acme-rockets.com")],
      [account("r1", "Acme", "acme.com", "acme.de")],
    );
    expect(match?.confidence).toBe(OVERLAPPING_DOMAINS_CONFIDENCE);
    expect(match?.confidence).toBeLessThan(CONTAINED_DOMAINS_CONFIDENCE);
  });

  it("matches every duplicate record on either side", () => {
    const matches = matchAll(
      [account("l1", "Acme", "acme.com"), account("l2", "Acme Corp", "acme.com")],
      [account("r1", "Acme", "acme.com"), account("r2", "Acme (old)", "acme.com")],
    );
    expect(pairs(matches)).toEqual(["l1-r1", "l1-r2", "l2-r1", "l2-r2"]);
  });

  it("does not match different domains that share a hash", () => {
    // The index files accounts under a 32-bit hash of each domain; these two collide.
    expect(hashOf("i08m2p.com")).toBe(hashOf("yq5s9i.com"));
    const index = createMatchIndex([
      account("r1", "Ivory", "i08m2p.com"),
      account("r2", "Yarrow", "yq5s9i.com"),
    ]);
    expect(pairs(index.matchOne(account("l1", "Yarrow", "yq5s9i.com")))).toEqual(["l1-r2"]);
    index.remove("r2");
    expect(index.matchOne(account("l1", "Yarrow", "yq5s9i.com"))).toEqual([]);
    expect(pairs(index.matchOne(account("l2", "Ivory", "i08m2p.com")))).toEqual(["l2-r1"]);
  });

  it.each([
    [
      "https://www.bbb.org/us/tx/austin/profile/plumber/acme-plumbing-0825-1000",
      "https://www.bbb.org/us/ca/los-angeles/profile/roofing/zenith-roofing-1216-2000",
    ],
    ["etsy.com/uk/shop/AcmeCrafts", "etsy.com/uk/shop/WillowCandles"],
    [
      "https://www.microsoft.com/en-us/p/acme-notes/9nblggh4r2r6",
      "https://www.microsoft.com/en-us/p/zenith-tasks/9wzdncrfj3tj",
    ],
    ["https://www.google.de/maps/place/Acme+GmbH", "https://www.google.de/maps/place/Zenith+AG"],
  ])("does not match two tenants of one platform: %s and %s", (left, right) => {
    expect(
      matchAll(
        [account("l1", "Acme", ...accountDomains([left]))],
        [account("r1", "Zenith", ...accountDomains([right]))],
      ),
    ).toEqual([]);
  });

  it("does not match the sample records Dynamics 365 creates by the websites they carry", () => {
    expect(
      matchAll(
        [
          account("l1", "Adventure Works (sample)", "adventure-works.com"),
          account("l2", "Contoso Pharmaceuticals", "contoso.com"),
        ],
        [
          account("r1", "Adventure Works (sample)", "adventure-works.com"),
          account("r2", "Contoso Pharmaceuticals (sample)", "contoso.com"),
        ],
      ),
    ).toEqual([]);
  });

  it("still matches by domain a company whose name merely says Sample", () => {
    const matches = matchAll(
      [
        account("l1", "Sample Industries Inc", "sampleindustries.com"),
        account("l2", "Sample Bros (UK)", "samplebros.co.uk"),
      ],
      [
        account("r1", "SAMPLE INDUSTRIES", "sampleindustries.com"),
        account("r2", "Sample Bros", "samplebros.co.uk"),
      ],
    );
    expect(pairs(matches)).toEqual(["l1-r1", "l2-r2"]);
  });

  it("does not name-match accounts whose websites differ", () => {
    expect(
      matchAll([account("l1", "Acme Inc", "acme.com")], [account("r1", "Acme Inc", "acme-corp.com")]),
    ).toEqual([]);
  });
});

describe("matchAll by name", () => {
  it("matches by name when one side has no website", () => {
    const matches = matchAll([account("l1", "Acme, Inc.")], [account("r1", "ACME Incorporated", "acme.com")]);
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ leftId: "l1", rightId: "r1", method: "name", matchedOn: "acme" });
    expect(matches[0]!.confidence).toBeGreaterThanOrEqual(NAME_MATCH_THRESHOLD);
    expect(matches[0]!.confidence).toBeLessThan(OVERLAPPING_DOMAINS_CONFIDENCE);
  });

  it("matches by name when neither side has a website", () => {
    expect(pairs(matchAll([account("l1", "The Boring Company")], [account("r1", "Boring Co")]))).toEqual([
      "l1-r1",
    ]);
    expect(pairs(matchAll([account("l1", "Home Depot, The")], [account("r1", "The Home Depot")]))).toEqual([
      "l1-r1",
    ]);
  });

  it("does not match names below the threshold", () => {
    expect(matchAll([account("l1", "Delta Air Lines")], [account("r1", "Delta Faucet")])).toEqual([]);
    expect(matchAll([account("l1", "Acme GmbH")], [account("r1", "Acme Inc")])).toEqual([]);
    expect(matchAll([account("l1", "Global Solutions")], [account("r1", "Global Solutions")])).toEqual([]);
  });

  it("does not match the sample account Salesforce creates in every org", () => {
    expect(
      matchAll(
        [account("l1", "Sample Account for Entitlements")],
        [account("r1", "Sample Account for Entitlements")],
      ),
    ).toEqual([]);
  });

  it("does not match the sample records Dynamics 365 creates, by name", () => {
    expect(
      matchAll(
        [account("l1", "Fourth Coffee (sample)"), account("l2", "Litware, Inc. (sample)")],
        [account("r1", "Fourth Coffee (sample)"), account("r2", "Litware, Inc. (sample)", "litwareinc.com")],
      ),
    ).toEqual([]);
  });

  it("does not name-match a Dynamics 365 sample record with the same name written without parentheses", () => {
    const sample = account("r1", "Coho Winery (sample)", "cohowinery.com");
    expect(matchAll([account("l1", "Coho Winery Sample")], [sample])).toEqual([]);
    expect(matchAll([sample], [account("l1", "Coho Winery Sample")])).toEqual([]);
  });

  it("puts domain matches before name matches", () => {
    const matches = matchAll(
      [account("l1", "Acme", "acme.com")],
      [account("r1", "Acme"), account("r2", "Acme Rockets", "acme.com")],
    );
    expect(pairs(matches)).toEqual(["l1-r2", "l1-r1"]);
    expect(matches.map((m) => m.method)).toEqual(["domain", "name"]);
  });
});

describe("createMatchIndex", () => {
  it("matches accounts added after it was built", () => {
    const index = createMatchIndex();
    expect(index.matchOne(account("l1", "Acme", "acme.com"))).toEqual([]);
    index.add(account("r1", "Acme", "acme.com"));
    expect(pairs(index.matchOne(account("l1", "Acme", "acme.com")))).toEqual(["l1-r1"]);
    expect(index.size).toBe(1);
  });

  it("forgets removed accounts, by domain and by name", () => {
    const index = createMatchIndex([account("r1", "Acme", "acme.com"), account("r2", "Acme")]);
    expect(index.remove("r1")).toBe(true);
    expect(pairs(index.matchOne(account("l1", "Acme")))).toEqual(["l1-r2"]);
    expect(index.remove("r2")).toBe(true);
    expect(index.matchOne(account("l1", "Acme"))).toEqual([]);
    expect(index.remove("r2")).toBe(false);
    expect(index.size).toBe(0);
  });

  it("keeps the other duplicates when one is removed", () => {
    const index = createMatchIndex([account("r1", "Acme", "acme.com"), account("r2", "Acme", "acme.com")]);
    index.remove("r1");
    expect(pairs(index.matchOne(account("l1", "Acme", "acme.com")))).toEqual(["l1-r2"]);
  });

  it("keeps matching what is left of three duplicates as they are removed", () => {
    const index = createMatchIndex([
      account("r1", "Acme", "acme.com"),
      account("r2", "Acme", "acme.com"),
      account("r3", "Acme", "acme.com"),
    ]);
    index.remove("r2");
    expect(pairs(index.matchOne(account("l1", "Acme", "acme.com")))).toEqual(["l1-r1", "l1-r3"]);
    index.remove("r1");
    expect(pairs(index.matchOne(account("l1", "Acme", "acme.com")))).toEqual(["l1-r3"]);
    expect(pairs(index.matchOne(account("l1", "Acme")))).toEqual(["l1-r3"]);
  });

  it("holds a Dynamics 365 sample record without ever matching it", () => {
    const index = createMatchIndex();
    index.add(account("r1", "Fabrikam, Inc. (sample)", "fabrikam.com"));
    index.add(account("r2", "Fourth Coffee (sample)"));
    expect(index.size).toBe(2);
    expect(index.matchOne(account("l1", "Fabrikam", "fabrikam.com"))).toEqual([]);
    expect(index.matchOne(account("l2", "Fourth Coffee (sample)", "fourthcoffee.com"))).toEqual([]);
    expect(index.matchOne(account("l3", "Fabrikam Inc Sample"))).toEqual([]);
    expect(index.remove("r1")).toBe(true);
    index.add(account("r1", "Fabrikam, Inc.", "fabrikam.com"));
    expect(pairs(index.matchOne(account("l1", "Fabrikam", "fabrikam.com")))).toEqual(["l1-r1"]);
  });

  it("uses a company name parsed beforehand instead of parsing again", () => {
    const index = createMatchIndex([account("r1", "Acme Inc")]);
    const prepared = { ...account("l1", "Zeta"), companyName: parseCompanyName("ACME Incorporated") };
    expect(pairs(index.matchOne(prepared))).toEqual(["l1-r1"]);
  });

  it("replaces an account re-added under the same id", () => {
    const index = createMatchIndex([account("r1", "Acme", "acme.com")]);
    index.add(account("r1", "Zeta", "zeta.io"));
    expect(index.matchOne(account("l1", "Acme", "acme.com"))).toEqual([]);
    expect(index.matchOne(account("l1", "Acme"))).toEqual([]);
    expect(pairs(index.matchOne(account("l1", "Zeta", "zeta.io")))).toEqual(["l1-r1"]);
    expect(index.size).toBe(1);
  });

  it("gives the same matches incrementally as in a full run", () => {
    const left = [
      account("l1", "Acme", "acme.com"),
      account("l2", "Boring Co"),
      account("l3", "Zeta", "zeta.io"),
    ];
    const right = [
      account("r1", "Acme Inc", "acme.com"),
      account("r2", "The Boring Company"),
      account("r3", "Old"),
    ];
    const index = createMatchIndex(right.slice(1));
    index.add(right[0]!);
    index.remove("r3");
    expect(left.flatMap((a) => index.matchOne(a))).toEqual(matchAll(left, right.slice(0, 2)));
  });
});

describe("matching properties", () => {
  const names = [
    "Acme Inc",
    "ACME",
    "Acme GmbH",
    "The Acme Company",
    "Acme Rocket",
    "Boring Co",
    "The Boring Company",
    "Global Group",
    "J.P. Morgan",
    "JP Morgan & Co",
    "Société Générale",
    "Societe Generale SA",
    "Zeta",
    "Acme (sample)",
    "Acme Sample",
    "",
  ];
  const domains = ["acme.com", "acme.de", "boring.com", "zeta.io"];
  const side = (prefix: string) =>
    fc
      .array(fc.tuple(fc.constantFrom(...names), fc.subarray(domains)), { maxLength: 8 })
      .map((rows) => rows.map(([name, ds], i) => account(`${prefix}${i}`, name, ...ds)));
  const byPair = (a: AccountMatch, b: AccountMatch) =>
    a.leftId.localeCompare(b.leftId) || a.rightId.localeCompare(b.rightId);

  /** The matching rules applied to every pair in turn, with no index: what the index must find. */
  function matchesByTheRules(
    left: readonly MatchableAccount[],
    right: readonly MatchableAccount[],
  ): AccountMatch[] {
    return left.flatMap((l) =>
      right
        .flatMap((r): AccountMatch[] => {
          if (isSampleRecordName(l.name) || isSampleRecordName(r.name)) return [];
          const shared = l.domains.filter((d) => r.domains.includes(d)).sort();
          if (shared.length > 0) {
            const confidence =
              shared.length === l.domains.length && shared.length === r.domains.length
                ? SAME_DOMAINS_CONFIDENCE
                : shared.length === Math.min(l.domains.length, r.domains.length)
                  ? CONTAINED_DOMAINS_CONFIDENCE
                  : OVERLAPPING_DOMAINS_CONFIDENCE;
            return [{ leftId: l.id, rightId: r.id, method: "domain", confidence, matchedOn: shared[0]! }];
          }
          if (l.domains.length > 0 && r.domains.length > 0) return [];
          const [ours, theirs] = [parseCompanyName(l.name), parseCompanyName(r.name)];
          const confidence = nameMatchConfidence(ours, theirs);
          if (confidence < NAME_MATCH_THRESHOLD) return [];
          return [{ leftId: l.id, rightId: r.id, method: "name", confidence, matchedOn: ours.key }];
        })
        .sort((a, b) => b.confidence - a.confidence || a.rightId.localeCompare(b.rightId)),
    );
  }

  it("finds exactly the pairs the rules give", () => {
    fc.assert(
      fc.property(side("l"), side("r"), (left, right) => {
        expect(matchAll(left, right)).toEqual(matchesByTheRules(left, right));
      }),
    );
  });

  it("finds the same pairs with names parsed beforehand", () => {
    const parsed = (accounts: MatchableAccount[]) =>
      accounts.map((a) => ({ ...a, companyName: parseCompanyName(a.name) }));
    fc.assert(
      fc.property(side("l"), side("r"), (left, right) => {
        expect(matchAll(parsed(left), parsed(right))).toEqual(matchesByTheRules(left, right));
      }),
    );
  });

  it("keeps finding the pairs the rules give as accounts come, go and change", () => {
    fc.assert(
      fc.property(side("l"), side("r"), side("r"), fc.boolean(), (left, right, replaced, askEarly) => {
        // Accounts indexed under the same ids with other names and websites, to be replaced.
        const index = createMatchIndex(replaced);
        // A question by name before the accounts with websites arrive makes the index file them
        // by name as they come rather than all at once.
        if (askEarly) index.matchOne(account("probe", "Acme"));
        for (const stale of replaced.slice(right.length)) index.remove(stale.id);
        for (const a of right) index.add(a);
        expect(index.size).toBe(right.length);
        expect(left.flatMap((a) => index.matchOne(a))).toEqual(matchesByTheRules(left, right));
      }),
    );
  });

  it("is symmetric: swapping the sides swaps every match and keeps its confidence", () => {
    fc.assert(
      fc.property(side("l"), side("r"), (left, right) => {
        const forward = matchAll(left, right).sort(byPair);
        const backward = matchAll(right, left)
          .map((m) => ({ ...m, leftId: m.rightId, rightId: m.leftId }))
          .sort(byPair);
        expect(backward).toEqual(forward);
      }),
    );
  });

  it("never name-matches two accounts that both have websites", () => {
    fc.assert(
      fc.property(side("l"), side("r"), (left, right) => {
        const domainsOf = new Map([...left, ...right].map((a) => [a.id, a.domains.length]));
        for (const match of matchAll(left, right)) {
          if (match.method === "name")
            expect(domainsOf.get(match.leftId)! * domainsOf.get(match.rightId)!).toBe(0);
        }
      }),
    );
  });
});
