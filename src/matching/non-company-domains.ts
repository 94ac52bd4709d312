/**
 * Registrable domains that many unrelated companies share, so two accounts listing one of them
 * say nothing about being the same company: free mail and ISP mailboxes (a contact's address
 * pasted into the Website field), site builders and blog hosts whose tenants live on a subdomain or
 * a path, and social or directory profiles ("linkedin.com/company/acme").
 *
 * Platforms on the public suffix list's private section (github.io, herokuapp.com, wixsite.com …)
 * are rejected by `normalizeDomain` before this list is consulted; the few named here too keep
 * them out should they ever leave that section.
 */
export const NON_COMPANY_DOMAINS: ReadonlySet<string> = new Set([
  // Free mail and ISP mailboxes
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "msn.com",
  "aol.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "proton.me",
  "pm.me",
  "protonmail.com",
  "protonmail.ch",
  "tutanota.com",
  "tutanota.de",
  "tuta.io",
  "web.de",
  "t-online.de",
  "freenet.de",
  "mail.ru",
  "bk.ru",
  "inbox.ru",
  "list.ru",
  "rambler.ru",
  "ukr.net",
  "qq.com",
  "163.com",
  "126.com",
  "sina.com",
  "naver.com",
  "hanmail.net",
  "daum.net",
  "zoho.com",
  "zohomail.com",
  "fastmail.com",
  "fastmail.fm",
  "hey.com",
  "mail.com",
  "email.com",
  "usa.com",
  "rediffmail.com",
  "rocketmail.com",
  "ymail.com",
  "comcast.net",
  "verizon.net",
  "att.net",
  "sbcglobal.net",
  "btinternet.com",
  "sky.com",
  "orange.fr",
  "wanadoo.fr",
  "free.fr",
  "laposte.net",
  "sfr.fr",
  "libero.it",
  "virgilio.it",
  "seznam.cz",
  "wp.pl",
  "o2.pl",
  "interia.pl",
  "mailinator.com",
  "yopmail.com",
  // Site builders, blog and app hosts
  "wixsite.com",
  "wix.com",
  "squarespace.com",
  "wordpress.com",
  "weebly.com",
  "weeblysite.com",
  "godaddysites.com",
  "jimdosite.com",
  "webnode.com",
  "strikingly.com",
  "mystrikingly.com",
  "site123.me",
  "business.site",
  "tumblr.com",
  "medium.com",
  "substack.com",
  "typepad.com",
  "livejournal.com",
  "hubspotpagebuilder.com",
  "bigcartel.com",
  "ecwid.com",
  "github.io",
  "gitlab.io",
  "herokuapp.com",
  "glitch.me",
  "neocities.org",
  "000webhostapp.com",
  // GoDaddy's hosting servers, and Google Business Profile sites in Spanish (business.site in English)
  "secureserver.net",
  "negocio.site",
  // Social networks and company directories
  "linkedin.com",
  "facebook.com",
  "fb.com",
  "instagram.com",
  "twitter.com",
  "x.com",
  "youtube.com",
  "tiktok.com",
  "xing.com",
  "crunchbase.com",
  "zoominfo.com",
  "wikipedia.org",
  "bit.ly",
  "linktr.ee",
  // More mailboxes: national ISPs and regional providers, whose addresses get pasted as websites
  "foxmail.com",
  "yeah.net",
  "sohu.com",
  "aliyun.com",
  "139.com",
  "sina.cn",
  "nate.com",
  "bigpond.com",
  "bigpond.net.au",
  "optusnet.com.au",
  "shaw.ca",
  "rogers.com",
  "telus.net",
  "sympatico.ca",
  "cox.net",
  "charter.net",
  "earthlink.net",
  "juno.com",
  "bellsouth.net",
  "rr.com",
  "optonline.net",
  "ntlworld.com",
  "virginmedia.com",
  "talktalk.net",
  "blueyonder.co.uk",
  "arcor.de",
  "posteo.de",
  "posteo.net",
  "mailbox.org",
  "ziggo.nl",
  "kpnmail.nl",
  "home.nl",
  "telenet.be",
  "skynet.be",
  "bluewin.ch",
  "hispeed.ch",
  "terra.com.br",
  "uol.com.br",
  "bol.com.br",
  "ig.com.br",
  "prodigy.net.mx",
  "tiscali.it",
  "tiscali.co.uk",
  "alice.it",
  "tin.it",
  "sapo.pt",
  "abv.bg",
  "centrum.cz",
  "azet.sk",
  "freemail.hu",
  "nifty.com",
  "docomo.ne.jp",
  "ezweb.ne.jp",
  "duck.com",
  "hushmail.com",
  "lycos.com",
  "aim.com",
  "ya.ru",
  "zoho.eu",
  "tuta.com",
  // Mail domains that many separate organisations share
  "onmicrosoft.com",
  "nhs.net",
  // Link shorteners
  "goo.gl",
  "g.page",
  "forms.gle",
  "tinyurl.com",
  "t.co",
  "t.ly",
  "lnkd.in",
  "ow.ly",
  "fb.me",
  "buff.ly",
  "rebrand.ly",
  "mailchi.mp",
  "is.gd",
  "cutt.ly",
  "shorturl.at",
  // More site builders whose tenants live on a subdomain
  "jimdo.com",
  "webs.com",
  "ueniweb.com",
  "company.site",
  "hs-sites.com",
  "mailchimpsites.com",
  // Reserved for examples (RFC 2606), and placeholders typed where a website is required
  "example.com",
  "example.net",
  "example.org",
  "test.com",
  "none.com",
  "na.com",
  "nomail.com",
  "noemail.com",
  "nowebsite.com",
  "unknown.com",
  "tbd.com",
  "domain.com",
  "company.com",
  "website.com",
  "www.com",
  // Not listed: the domains of Microsoft's fictitious companies (contoso.com, fabrikam.com,
  // adventure-works.com …) that Dynamics 365's sample records carry. Those records are kept out by
  // their "(sample)" name (see `isSampleRecordName`). A website listed here leaves an account with
  // no usable one, and such an account is compared by name even with accounts that have a website:
  // a hand-made demo "Alpine Ski House" would then meet a real Alpine Ski House with its own site.
  // Kept as a domain, it can only meet another record on that same Microsoft-owned domain.
]);

/**
 * Domains of companies that also host other organisations: their customers' help desks, shops and
 * workspaces on a subdomain (acme.zendesk.com, acme.atlassian.net, acme.typeform.com), or pages,
 * listings and profiles under a path (apps.apple.com/app/acme, github.com/acme,
 * zillow.com/profile/acme). Such a website names the tenant, not the platform: it would match the
 * platform company's own account, and any other tenant's. The bare domain, with or without "www."
 * and with at most a locale for a path ("microsoft.com/en-us/"), is still the platform company.
 */
const PLATFORM_DOMAINS: ReadonlySet<string> = new Set([
  "apple.com",
  "microsoft.com",
  "sharepoint.com",
  "github.com",
  "gitlab.com",
  "bitbucket.org",
  "zendesk.com",
  "freshdesk.com",
  "atlassian.net",
  "slack.com",
  "salesforce.com",
  "force.com",
  "hubspot.com",
  "notion.so",
  "shopify.com",
  "etsy.com",
  "typeform.com",
  "indeed.com",
  "bbb.org",
  "manta.com",
  "dnb.com",
  "opencorporates.com",
  "pinterest.com",
  "vimeo.com",
  "t.me",
  "wa.me",
  "threads.net",
  "trustpilot.com",
  "g2.com",
  "zillow.com",
  "yell.com",
  "wellfound.com",
  "angel.co",
  "archive.org",
]);

/**
 * Platforms (see `PLATFORM_DOMAINS`) that run the same site under many country suffixes
 * (google.de/maps/place/acme, amazon.co.uk/shops/acme, tripadvisor.fr/…): matched on the
 * registrable domain's first label, so a new country variant needs no new entry. Only names that no
 * unrelated company would register under another suffix belong here.
 */
const PLATFORM_LABELS: ReadonlySet<string> = new Set([
  "google",
  "amazon",
  "ebay",
  "alibaba",
  "glassdoor",
  "yellowpages",
  "capterra",
  "tripadvisor",
  "houzz",
]);

/**
 * Whether a registrable domain (with `label`, its first label) belongs to a platform whose tenants'
 * websites must not count as its own; see `PLATFORM_DOMAINS`.
 */
export function isPlatform(domain: string, label: string): boolean {
  return PLATFORM_DOMAINS.has(domain) || PLATFORM_LABELS.has(label);
}

/**
 * Providers that run the same service under many country suffixes (yahoo.co.uk, hotmail.fr,
 * gmx.net, yandex.ru, blogspot.co.uk, yelp.co.uk …): matched on the registrable domain's first
 * label, so a new country variant needs no new entry.
 */
const NON_COMPANY_LABELS: readonly string[] = [
  "yahoo",
  "hotmail",
  "outlook",
  "gmail",
  "msn",
  "live",
  "windowslive",
  "aol",
  "gmx",
  "yandex",
  "blogspot",
  "yelp",
];

/**
 * Whether a registrable domain's first label is one of `NON_COMPANY_LABELS`. A short list compared
 * string by string: hashing the label for a set would cost more, and it is a fresh string each time.
 */
export function isNonCompanyLabel(label: string): boolean {
  return NON_COMPANY_LABELS.includes(label);
}
