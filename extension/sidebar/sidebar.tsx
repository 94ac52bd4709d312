import type { Ref } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { AccountRecord } from "../crm/types";
import type { PartnersResult } from "../messages";
import { MissingFields, OfflineNotice } from "./account-notes";
import { Loading, LookupFailed, NOT_LOADED, NoPartners, SignedOut } from "./lookup-states";
import type { ShownPartner } from "./partner";
import { PartnersList } from "./partners-list";
import type { SidebarActions, SidebarView } from "./types";

export interface SidebarProps {
  view: SidebarView;
  initiallyCollapsed: boolean;
  actions: SidebarActions;
  /** Counts the requests to open and focus the sidebar (the keyboard shortcut); 0 for none yet. */
  focusRequest?: number;
}

const BODY_ID = "cosell-panel-body";

export function Sidebar({ view, initiallyCollapsed, actions, focusRequest = 0 }: SidebarProps) {
  const [collapsed, setCollapsed] = useState(initiallyCollapsed);
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  // The name of the partner just marked as not a match, for the message that says so.
  const [announcement, setAnnouncement] = useState("");
  const toggleButton = useRef<HTMLButtonElement>(null);
  const announcementLine = useRef<HTMLParagraphElement>(null);

  // A message about the previous account must not linger on the next one.
  useLayoutEffect(() => setAnnouncement(""), [view.recordId]);
  // The focused button has just disappeared with its partner; the message is where the rep reads on.
  useLayoutEffect(() => {
    if (announcement && mayTakeFocus(announcementLine.current)) announcementLine.current?.focus();
  }, [announcement]);

  const changeCollapsed = (next: boolean) => {
    setCollapsed(next);
    actions.rememberCollapsed(next);
  };

  // A request to focus opens the sidebar first; its title, which the focus goes to, shows only then.
  const title = useRef<HTMLHeadingElement>(null);
  const focusedRequest = useRef(focusRequest);
  useLayoutEffect(() => {
    if (focusRequest === focusedRequest.current) return;
    if (collapsed) return changeCollapsed(false);
    focusedRequest.current = focusRequest;
    title.current?.focus();
  }, [focusRequest, collapsed]);

  // "Try again" goes away while the lookup runs, and the focus with it, to the end of a long CRM
  // page for a keyboard user. It waits on the title instead, and goes back to the button should the
  // lookup fail again, unless the rep has gone back to the CRM page meanwhile.
  const retryButton = useRef<HTMLButtonElement>(null);
  const retrying = useRef(false);
  const { retry } = view;
  const retryKeepingFocus =
    retry &&
    (() => {
      retrying.current = true;
      title.current?.focus();
      retry();
    });
  useLayoutEffect(() => {
    if (!retrying.current || view.result === null) return;
    retrying.current = false;
    if (view.result.state === "error" && mayTakeFocus(retryButton.current)) retryButton.current?.focus();
  }, [view.result]);

  // The background may answer after the rep has moved on to another account: its message, and the
  // focus with it, belong to the account the partner was marked on.
  const shownRecord = useRef(view.recordId);
  shownRecord.current = view.recordId;
  const markedOn = view.recordId;
  // The background updates the list before it answers, and the message about the partner taken off
  // says it all: a live "Found 1 partner" as well would say it twice. The summary leaves the
  // partners found out from the question until the next account; a sign-out is still said.
  const removing = useRef(false);
  const markWrong = (overlapId: string) => {
    removing.current = true;
    const outcome = actions.markWrong(overlapId);
    // Registered before Not a match waits on the outcome, so this runs first; its message takes over.
    const done = () => {
      removing.current = false;
    };
    outcome.then(done, done);
    return outcome;
  };
  const onMarkedWrong = (partner: ShownPartner) => {
    if (markedOn !== shownRecord.current) return;
    setRemoved((before) => new Set(before).add(partner.overlapId));
    setAnnouncement(partner.partner.name);
  };

  const partners = visiblePartners(view.result, removed);
  const { account } = view;
  return (
    <aside
      class={collapsed ? "panel collapsed" : "panel"}
      // biome-ignore lint/a11y/noRedundantRoles: the role is a contract other tools rely on.
      role="complementary"
      aria-label="Co-sell partners"
      // Its words are English whatever the CRM's language, which it would otherwise inherit: a
      // screen reader set to Hebrew or German would read them with that language's voice.
      lang="en"
      onKeyDown={(event) => {
        if (event.key !== "Escape" || collapsed) return;
        changeCollapsed(true);
        toggleButton.current?.focus();
      }}
    >
      <div class="bar">
        {!collapsed && (
          <h2 class="title" tabIndex={-1} ref={title}>
            Co-sell partners
          </h2>
        )}
        <button
          type="button"
          class="toggle"
          ref={toggleButton}
          aria-expanded={!collapsed}
          aria-controls={BODY_ID}
          onClick={() => changeCollapsed(!collapsed)}
        >
          {collapsed ? (
            <>
              <span class="visually-hidden">Show </span>Co-sell partners
              {tabNote(view.result, partners)}
            </>
          ) : (
            <>
              Hide<span class="visually-hidden"> co-sell partners</span>
            </>
          )}
        </button>
      </div>
      <div class="body" id={BODY_ID} hidden={collapsed}>
        {account && <AccountLine account={account} />}
        {/* Not a live region: the focus moves here, and screen readers read it once for that. */}
        <p class="announcement" tabIndex={-1} ref={announcementLine}>
          {announcement && (
            <>
              <bdi>{announcement}</bdi> is marked as not a match and won't be shown for this account.
            </>
          )}
        </p>
        {/* Mounted from the start, so that screen readers announce the answer when it comes. */}
        <p class="visually-hidden" role="status">
          {lookupSummary(view.result, partners, removing.current || !!announcement)}
        </p>
        {account && !view.reading && account.missing.length > 0 && <MissingFields account={account} />}
        <OfflineNotice result={view.result} />
        <LookupAnswer
          view={view}
          partners={partners}
          actions={{ ...actions, markWrong }}
          onMarkedWrong={onMarkedWrong}
          retry={retryKeepingFocus}
          retryButton={retryButton}
        />
      </div>
    </aside>
  );
}

/**
 * Whether an answer that came later may move the focus to `element`: the focus is in the sidebar, or
 * was lost with an element the sidebar took away (it is then on <body>). Not when the rep has gone
 * on working on the CRM page meanwhile: what they type there must not land in the sidebar.
 */
function mayTakeFocus(element: Element | null): boolean {
  const active = document.activeElement;
  return (
    !active || active === document.body || active === (element?.getRootNode() as ShadowRoot | undefined)?.host
  );
}

/**
 * Which record the partners are for, and the website they were matched on, as the page shows them.
 * Names from the CRM and partners may be right to left (Hebrew, Arabic): isolated, they keep their
 * own direction, so a closing parenthesis or full stop stays at their end (see also PartnerItem).
 */
function AccountLine({ account }: { account: AccountRecord }) {
  return (
    <p class="account">
      <bdi>{account.name ?? `Record ${account.recordId}`}</bdi>
      {account.website && <span class="website"> · {siteName(account.website)}</span>}
    </p>
  );
}

/** The site's host as the page writes it: URL() would turn www.müller.de into www.xn--mller-kva.de. */
function siteName(website: string): string {
  return website.replace(/^https?:\/\//i, "").replace(/[/?#].*/s, "") || website;
}

/**
 * What the collapsed tab adds to its name: how many partners, 0 included, so that a rep who keeps
 * the sidebar collapsed can tell "none" from a session that has expired or a lookup that failed.
 */
function tabNote(result: PartnersResult | null, partners: ShownPartner[] | null): string {
  if (result?.state === "signed_out") return " (signed out)";
  if (result?.state === "error") return " (couldn't load)";
  return partners ? ` (${partners.length})` : "";
}

/**
 * What the lookup found, said once it is known; errors are alerts of their own. `quiet` leaves out
 * the partners found, which a message about one taken off already tells.
 */
function lookupSummary(
  result: PartnersResult | null,
  partners: ShownPartner[] | null,
  quiet: boolean,
): string {
  if (result?.state === "signed_out") return "Signed out of cosell-lens.";
  if (quiet || result?.state !== "ready" || !partners) return "";
  if (partners.length === 0)
    return `Found no partners in this account${result.data.account ? "." : NOT_LOADED}`;
  return `Found ${partners.length} ${partners.length === 1 ? "partner" : "partners"} in this account.`;
}

function visiblePartners(result: PartnersResult | null, removed: ReadonlySet<string>): ShownPartner[] | null {
  if (result?.state !== "ready") return null;
  return result.data.partners.filter((partner) => !removed.has(partner.overlapId));
}

interface LookupAnswerProps {
  view: SidebarView;
  partners: ShownPartner[] | null;
  actions: SidebarActions;
  onMarkedWrong(partner: ShownPartner): void;
  retry: (() => void) | undefined;
  retryButton: Ref<HTMLButtonElement>;
}

function LookupAnswer({ view, partners, actions, onMarkedWrong, retry, retryButton }: LookupAnswerProps) {
  const { result } = view;
  if (!result) return <Loading />;
  if (result.state === "signed_out") return <SignedOut openOptions={actions.openOptions} />;
  if (result.state === "error") {
    return <LookupFailed message={result.message} retry={retry} retryButton={retryButton} />;
  }
  if (!partners || partners.length === 0) return <NoPartners known={!!result.data.account} />;
  return <PartnersList partners={partners} markWrong={actions.markWrong} onMarkedWrong={onMarkedWrong} />;
}
