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
  "yelp.com",
  "wikipedia.org",
  "bit.ly",
  "linktr.ee",
]);

/**
 * Providers that run the same service under many country suffixes (yahoo.co.uk, hotmail.fr,
 * gmx.net, yandex.ru, blogspot.co.uk …): matched on the registrable domain's first label, so a new
 * country variant needs no new entry.
 */
const NON_COMPANY_LABELS: readonly string[] = [
  "yahoo",
  "hotmail",
  "live",
  "windowslive",
  "aol",
  "gmx",
  "yandex",
  "blogspot",
];

/**
 * Whether a registrable domain's first label is one of `NON_COMPANY_LABELS`. A short list compared
 * string by string: hashing the label for a set would cost more, and it is a fresh string each time.
 */
export function isNonCompanyLabel(label: string): boolean {
  return NON_COMPANY_LABELS.includes(label);
}
