import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accountDomains, normalizeDomain } from "./domain";
import { NON_COMPANY_DOMAINS } from "./non-company-domains";

// Generous: property tests run thousands of cases, and the test machine may be busy.
const PROPERTY_TIMEOUT = 30_000;

describe("normalizeDomain", () => {
  it.each([
    ["acme.com", "acme.com"],
    ["https://acme.com", "acme.com"],
    ["http://acme.com", "acme.com"],
    ["www.acme.com", "acme.com"],
    ["https://www.acme.com/", "acme.com"],
    ["acme.com/about/team", "acme.com"],
    ["acme.com:8080", "acme.com"],
    ["https://www.acme.com:443/path?utm_source=crm&x=1#contact", "acme.com"],
    ["acme.com?ref=linkedin", "acme.com"],
    ["acme.com#pricing", "acme.com"],
    ["ACME.COM", "acme.com"],
    ["HTTPS://WWW.Acme.Com/About", "acme.com"],
    ["  acme.com\t", "acme.com"],
    ["\u200bacme.com\u200b", "acme.com"],
    ["acme.com.", "acme.com"],
    ["jane@acme.com", "acme.com"],
    ["mailto:jane.doe@sales.acme.co.uk", "acme.co.uk"],
    ["shop.acme.co.uk", "acme.co.uk"],
    ["https://eu.shop.acme.com/de", "acme.com"],
    ["https://acme.com/en-us/products", "acme.com"],
    ["acme.de", "acme.de"],
    ["bücher.de", "xn--bcher-kva.de"],
    ["ａｃｍｅ．ｃｏｍ", "acme.com"],
    ["acme。com", "acme.com"],
    ["(acme.com)", "acme.com"],
    ["<jane@acme.com>", "acme.com"],
    ['"https://www.acme.com/"', "acme.com"],
    ["gmailacme.com", "gmailacme.com"],
    ["liveperson.com", "liveperson.com"],
    ["yahoo-acme.de", "yahoo-acme.de"],
    ["xn--bcher-kva.de", "xn--bcher-kva.de"],
  ])("reads %j as %s", (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it.each([
    ["an IPv4 address", "192.168.0.1"],
    ["an IPv4 URL", "http://10.0.0.1:8080/login"],
    ["an IPv6 address", "[2001:db8::1]"],
    ["an empty field", ""],
    ["blanks", "   "],
    ["a placeholder", "N/A"],
    ["a word", "none"],
    ["a bare suffix", "co.uk"],
    ["an unknown suffix", "acme.notarealtld"],
    ["a single label", "localhost"],
    ["text with spaces", "see account notes"],
    ["a scheme alone", "https://"],
    ["an address with no domain", "jane@"],
  ])("rejects %s", (_, input) => {
    expect(normalizeDomain(input)).toBeNull();
  });

  it.each([
    "gmail.com",
    "jane@googlemail.com",
    "yahoo.com",
    "yahoo.co.uk",
    "hotmail.com",
    "hotmail.fr",
    "outlook.com",
    "live.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "proton.me",
    "protonmail.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "mail.ru",
    "yandex.ru",
    "qq.com",
    "163.com",
    "zoho.com",
    "fastmail.com",
    "hey.com",
  ])("rejects the free-mail domain %s", (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });

  it.each([
    "biuro@onet.pl",
    "firma@op.pl",
    "kontakt@gazeta.pl",
    "info@interia.eu",
    "mario.rossi@email.it",
    "contact@neuf.fr",
    "contact@aliceadsl.fr",
    "contact@club-internet.fr",
    "contact@numericable.fr",
    "contact@bbox.fr",
    "info@telefonica.net",
    "info@planet.nl",
    "info@chello.nl",
    "office@aon.at",
    "office@chello.at",
    "info@online.de",
    "info@mail.de",
    "info@kabelbw.de",
    "sales@zoho.in",
    "service@ms12.hinet.net",
    "office@xtra.co.nz",
    "office@iinet.net.au",
    "office@tpg.com.au",
    "office@videotron.ca",
    "office@cogeco.ca",
    "office@windstream.net",
    "office@centurylink.net",
    "office@embarqmail.com",
    "office@frontiernet.net",
    "office@netzero.net",
    "office@netscape.net",
    "office@mchsi.com",
    "office@roadrunner.com",
    "office@suddenlink.net",
    "office@btopenworld.com",
    "office@virgin.net",
    "info@email.cz",
    "info@post.cz",
    "info@volny.cz",
    "info@citromail.hu",
    "info@mail.bg",
    "info@mweb.co.za",
    "info@telkomsa.net",
    "info@netvigator.com",
    "info@singnet.com.sg",
    "info@vsnl.net",
    "info@otenet.gr",
    "info@inbox.lv",
    "info@inbox.lt",
    "info@inbox.com",
  ])("rejects %s, a mailbox with a national ISP or regional provider", (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });

  it.each([
    "acme.wixsite.com/home",
    "https://www.squarespace.com/acme",
    "acme.squarespace.com",
    "acme.wordpress.com",
    "acme.blogspot.com",
    "acme.github.io",
    "agency.github.io/client-site",
    "acme.herokuapp.com",
    "acme.netlify.app",
    "acme.us.com",
    "https://www.linkedin.com/company/acme",
    "facebook.com/acme",
    "jane.doe@outlook.de",
    "bob@gmail.co.uk",
    "admin@contoso.onmicrosoft.com",
    "jane.smith@nhs.net",
    "goo.gl/maps/abc123",
    "https://tinyurl.com/acme",
    "alpha.jimdo.com",
    "acme.secureserver.net",
    "acme.negocio.site",
    "yelp.co.uk/biz/acme",
    "http://example.com",
    "https://www.gov.uk/government/organisations/hm-revenue-customs",
  ])("rejects %s, which many companies share", (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });

  it("rejects every listed shared domain, however the website spells it", () => {
    const kept = [...NON_COMPANY_DOMAINS].flatMap((domain) =>
      [domain, `https://www.${domain.toUpperCase()}/`, `sales@${domain}`].filter(
        (website) => normalizeDomain(website) !== null,
      ),
    );
    expect(kept).toEqual([]);
  });

  it.each([
    "noreply@noreply.com",
    "no-reply.com",
    "donotreply.com",
    "nowhere.com",
    "www.yourcompany.com",
    "yourdomain.com",
    "yourwebsite.com",
    "yoursite.com",
    "mycompany.com",
    "mywebsite.com",
    "mysite.com",
    "companyname.com",
    "sample.com",
    "noname.com",
    "notapplicable.com",
    "none.net",
    "none.org",
    "test.net",
    "test.org",
    "example.co.uk",
    "example.de",
  ])("rejects %s, a placeholder typed where a website is required", (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });

  it.each([
    ["test.de", "test.de"],
    ["na.org", "na.org"],
  ])("keeps %s, a real organisation's domain that looks like a placeholder", (input, domain) => {
    expect(normalizeDomain(input)).toBe(domain);
  });

  it.each([
    "acme.jimdofree.com",
    "acme.ghost.io",
    "acme.myportfolio.com",
    "acme.tilda.ws",
    "acme.mybigcommerce.com",
    "acme.shopifypreview.com",
    "acme.kinsta.cloud",
    "acme.pagesperso-orange.fr",
    "acme.mercadoshops.com.br",
    "acme.narod.ru",
  ])("rejects %s, a site on a host whose domain is its tenants' only", (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });

  it.each([
    "acme.odoo.com",
    "acme.wpengine.com",
    "acme.ucoz.ru",
    "acme.over-blog.com",
    "acme.e-monsite.com",
    "acme.canalblog.com",
    "acme.jouwweb.nl",
    "acme.tiendanube.com",
    "acme.nuvemshop.com.br",
    "acme.lojaintegrada.com.br",
  ])("rejects %s, a customer's site on a site builder or shop platform", (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });

  it.each([
    "https://sites.google.com/view/acmebakery",
    "https://apps.apple.com/us/app/acme/id123456",
    "https://www.amazon.com/shops/acme",
    "acme.zendesk.com",
    "https://acme.atlassian.net/wiki",
    "acme.my.salesforce.com",
    "github.com/acme",
    "https://www.glassdoor.com/Overview/Working-at-Acme.htm",
    "acme.typeform.com",
    "https://www.tripadvisor.com/Restaurant_Review-g187323-d1234567-Reviews-Acme.html",
    "https://www.houzz.com/professionals/general-contractors/acme-builders-pfvwus-pf~123",
    "https://www.zillow.com/profile/AcmeRealty",
    "https://www.yell.com/biz/acme-plumbing-london-901234/",
  ])("rejects %s, a customer's page on a platform, which would match the platform company", (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });

  it.each([
    "https://www.bloomberg.com/profile/company/ACME:US",
    "https://app.apollo.io/#/companies/5f2a",
    "https://www.apollo.io/companies/Acme/5f2a",
    "https://pitchbook.com/profiles/company/12345-67",
    "https://www.owler.com/company/acme",
    "https://craft.co/acme",
    "https://www.cbinsights.com/company/acme",
    "https://tracxn.com/d/companies/acme/__abc",
    "https://app.dealroom.co/companies/acme",
    "https://rocketreach.co/acme-management_b5c",
    "https://www.kompass.com/c/acme/fr1234567/",
    "https://www.northdata.de/Acme+GmbH,+Berlin/HRB+12345",
    "https://www.europages.co.uk/ACME/00000004.html",
    "https://clutch.co/profile/acme",
    "https://www.thomasnet.com/profile/01234567/acme.html",
    "https://www.chamberofcommerce.com/united-states/texas/austin/plumber/1234-acme",
    "https://www.mapquest.com/us/texas/acme-plumbing-123456",
    "https://www.gelbeseiten.de/gsbiz/abc-123",
    "https://www.pagesjaunes.fr/pros/12345678",
    "https://www.societe.com/societe/acme-123456789.html",
    "https://www.pappers.fr/entreprise/acme-123456789",
    "https://www.justdial.com/Mumbai/Acme-Traders/022P1234",
    "https://www.indiamart.com/acme-traders/",
    "https://calendly.com/acme-sales",
    "https://www.eventbrite.com/o/acme-12345",
    "https://www.eventbrite.co.uk/o/acme-12345",
    "https://www.meetup.com/acme-users/",
    "https://about.me/janedoe",
    "https://www.behance.net/acme",
    "https://www.upwork.com/agencies/acme/",
    "https://forms.office.com/r/AbCdEf",
    "https://shop.app/acme",
    "https://www.mercadolibre.com.ar/tienda/acme",
    "https://www.rakuten.co.jp/acme/",
  ])("rejects %s, a company's profile on a directory or data provider", (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });

  it.each(["youtu.be/abc123", "https://discord.gg/acme", "https://www.whatsapp.com/channel/abc"])(
    "rejects %s, a link to a video, a chat or a channel",
    (input) => {
      expect(normalizeDomain(input)).toBeNull();
    },
  );

  it.each([
    "https://www.bbb.org/us/tx/austin/profile/plumber/acme-plumbing-0825-1000",
    "https://www.etsy.com/uk/shop/AcmeCrafts",
    "https://www.microsoft.com/en-us/p/acme-notes/9nblggh4r2r6",
    "https://www.microsoft.com/en-us//store/apps",
  ])("rejects %s, a customer's page behind a locale on a platform", (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });

  it.each([
    "https://www.google.de/maps/place/Acme+GmbH",
    "https://www.google.co.uk/maps/place/Acme+Ltd",
    "https://www.amazon.co.uk/shops/acme",
    "https://www.ebay.de/str/acme",
    "https://www.tripadvisor.co.uk/Hotel_Review-g1-d2-Reviews-Acme.html",
    "https://www.houzz.co.uk/professionals/acme",
    "acmetools.en.alibaba.com",
  ])("rejects %s, a customer's page on a platform's country site or subdomain", (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });

  it.each([
    "acme.zohosites.com",
    "acme.zohosites.in",
    "acme.hubspotpages.com",
    "https://acme.my.site.com/s/",
    "acme.my.salesforce-sites.com",
    "acme.crm.dynamics.com",
    "acme.wpcomstaging.com",
    "acme.cloudwaysapps.com",
  ])("rejects %s, a customer's site that a CRM or site builder hosts on its own domain", (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });

  it.each([
    "https://jobs.lever.co/acme",
    "https://boards.greenhouse.io/acme",
    "https://acme.bamboohr.com/careers",
    "https://apply.workable.com/acme/",
    "https://acme.wd5.myworkdayjobs.com/External",
    "https://careers.smartrecruiters.com/Acme",
    "https://acme.recruitee.com",
    "https://acme.teamtailor.com/jobs",
    "https://acme.jobs.personio.de",
    "https://acme.applytojob.com/apply",
    "https://acme.breezy.hr",
    "https://careers-acme.icims.com/jobs",
    "https://jobs.jobvite.com/acme",
  ])("rejects %s, a company's careers page on a hiring platform", (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });

  it.each([
    "https://www.kununu.com/de/acme",
    "https://www.reddit.com/r/acme",
    "https://marketplace.atlassian.com/vendors/1234/acme",
    "https://www.producthunt.com/products/acme",
    "https://www.ycombinator.com/companies/acme",
    "https://builtin.com/company/acme",
    "https://theorg.com/org/acme",
    "https://acme.zoom.us",
  ])("rejects %s, a company's page or profile on another company's site", (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });

  it.each([
    ["google.com", "google.com"],
    ["https://www.atlassian.com/", "atlassian.com"],
    ["lever.co", "lever.co"],
    ["www.greenhouse.io", "greenhouse.io"],
    ["https://www.reddit.com/", "reddit.com"],
    ["zoom.us", "zoom.us"],
    ["https://www.salesforce.com/", "salesforce.com"],
    ["https://www.apple.com/uk/", "apple.com"],
    ["https://www.microsoft.com/en-us/", "microsoft.com"],
    ["https://www.microsoft.com/en-us?utm_source=crm", "microsoft.com"],
    ["https://www.bbb.org/us/", "bbb.org"],
    ["https://www.etsy.com/uk", "etsy.com"],
    ["google.de", "google.de"],
    ["https://www.amazon.co.uk/", "amazon.co.uk"],
    ["alibaba.com", "alibaba.com"],
    ["www.typeform.com", "typeform.com"],
    ["tripadvisor.com", "tripadvisor.com"],
    ["www.zendesk.com", "zendesk.com"],
    ["press@github.com", "github.com"],
    ["https://www.bloomberg.com/", "bloomberg.com"],
    ["www.odoo.com/en_US/", "odoo.com"],
    ["wpengine.com", "wpengine.com"],
    ["apollo.io", "apollo.io"],
    ["www.eventbrite.co.uk", "eventbrite.co.uk"],
    ["office.com", "office.com"],
  ])("keeps %s, the platform company's own site", (input, domain) => {
    expect(normalizeDomain(input)).toBe(domain);
  });

  it(
    "is idempotent on its own output",
    () => {
      const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,12}[a-z0-9])?$/);
      const suffix = fc.constantFrom("com", "co.uk", "de", "io", "com.au", "fr", "xn--p1ai");
      const website = fc
        .tuple(
          fc.constantFrom("", "http://", "https://", "HTTPS://www."),
          fc.array(label, { maxLength: 2 }),
          label,
          suffix,
          fc.constantFrom("", "/", "/about?x=1", ":8080/#top"),
        )
        .map(
          ([scheme, subdomains, name, tld, tail]) =>
            `${scheme}${[...subdomains, name].join(".")}.${tld}${tail}`,
        );
      fc.assert(
        fc.property(fc.oneof(website, fc.string(), fc.webUrl()), (input) => {
          const once = normalizeDomain(input);
          if (once !== null) expect(normalizeDomain(once)).toBe(once);
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it("reads the same domain from every spelling of the same website", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("", "http://", "https://", "HTTPS://"),
        fc.constantFrom("", "www.", "WWW.", "shop.", "eu.shop."),
        fc.constantFrom("", "/", "/about?x=1", ":8080/#top", "."),
        (scheme, subdomain, tail) => {
          expect(normalizeDomain(`${scheme}${subdomain}acme.co.uk${tail}`)).toBe("acme.co.uk");
        },
      ),
    );
  });
});

describe("accountDomains", () => {
  // The largest cell an import accepts is a million characters. Both inputs took minutes before
  // (a regular expression retrying along a run of brackets; de-duplicating by scanning a list).
  it("reads a cell of a million characters of brackets or of domains without stalling", () => {
    expect(accountDomains([`(${")".repeat(999_990)}a.com`])).toEqual([]);
    const many = Array.from({ length: 100_000 }, (_, i) => `c${i}.com`).join(",");
    expect(accountDomains([many])).toHaveLength(100_000);
  });

  it("reads several domains from one field, whatever the separator", () => {
    expect(accountDomains(["acme.com, acme.de; acme.fr | acme.it  www.acme.es\nacme.nl"])).toEqual([
      "acme.com",
      "acme.de",
      "acme.es",
      "acme.fr",
      "acme.it",
      "acme.nl",
    ]);
  });

  it("reads several website fields, deduplicated and sorted", () => {
    expect(
      accountDomains(["https://www.zeta.io", "shop.acme.co.uk", "acme.co.uk/contact", "ZETA.IO"]),
    ).toEqual(["acme.co.uk", "zeta.io"]);
  });

  it("finds the domain in an address with a display name", () => {
    expect(accountDomains(["Jane Doe <jane@acme.com>"])).toEqual(["acme.com"]);
  });

  it("drops free mail and garbage but keeps the company domain beside them", () => {
    expect(accountDomains(["jane@gmail.com", "n/a", "192.168.1.1", "jane@acme.com"])).toEqual(["acme.com"]);
  });

  it("keeps country domains apart, as different registrable domains", () => {
    expect(accountDomains(["acme.de", "acme.com"])).toEqual(["acme.com", "acme.de"]);
  });

  it(
    "reads a field holding several values as each value on its own",
    () => {
      const value = fc.constantFrom(
        "acme.com",
        "https://www.Acme.de/x?a=1",
        "jane@gmail.com",
        "zeta.io",
        "",
        "n/a",
        "bücher.de",
      );
      const separator = fc.constantFrom(",", ";", "|", " ", "\t", "\n", ", ", " ; ", "\u00a0", "\u3000", "");
      const field = fc
        .tuple(fc.array(fc.tuple(separator, value), { maxLength: 4 }), separator)
        .map(([pairs, end]) => `${pairs.map(([before, v]) => before + v).join("")}${end}`);
      fc.assert(
        fc.property(field, (text) => {
          const each = text.split(/[\s,;|]+/).map((v) => normalizeDomain(v));
          const expected = [...new Set(each.filter((d) => d !== null))].sort();
          expect(accountDomains([text])).toEqual(expected);
        }),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it("returns nothing for an account with no usable website", () => {
    expect(accountDomains([])).toEqual([]);
    expect(accountDomains(["", "gmail.com", "unknown"])).toEqual([]);
  });
});
