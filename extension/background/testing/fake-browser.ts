/**
 * An in-memory stand-in for the parts of `webextension-polyfill` the extension uses, for unit tests:
 * `vi.doMock("webextension-polyfill", () => ({ default: createFakeBrowser() }))`, one per test, so
 * work a previous test left running cannot reach this one. Messages are delivered to the
 * registered listeners the way Chrome does; pushes to tabs are recorded.
 */
import type { Runtime } from "webextension-polyfill";

export const EXTENSION_ID = "cosellfakeextensionid";
const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}/`;

// biome-ignore lint/suspicious/noExplicitAny: listeners of every browser event have their own signature.
type Listener = (...args: any[]) => unknown;

class FakeEvent<L extends Listener = Listener> {
  readonly listeners = new Set<L>();
  addListener(listener: L): void {
    this.listeners.add(listener);
  }
  removeListener(listener: L): void {
    this.listeners.delete(listener);
  }
  hasListener(listener: L): boolean {
    return this.listeners.has(listener);
  }
  fire(...args: Parameters<L>): unknown[] {
    return [...this.listeners].map((listener) => listener(...args));
  }
}

export interface TabPush {
  tabId: number;
  frameId: number | undefined;
  message: unknown;
}

type StorageChanges = Record<string, { oldValue?: unknown; newValue?: unknown }>;

/**
 * A `storage` area. Values go through JSON, as Chrome serializes them: a Map or a Set would come
 * back as {}, so code that stores one fails here as it would in the browser. Its `onChanged` fires
 * for the keys whose value changed, after the write, as Chrome tells every context of the extension.
 */
function createStorageArea() {
  const stored = new Map<string, string>();
  const onChanged = new FakeEvent<(changes: StorageChanges) => void>();
  const keysOf = (keys: string | string[]) => (Array.isArray(keys) ? keys : [keys]);
  function write(key: string, json: string | undefined, changes: StorageChanges): void {
    const before = stored.get(key);
    if (before === json) return;
    if (json === undefined) stored.delete(key);
    else stored.set(key, json);
    const change: StorageChanges[string] = {};
    if (before !== undefined) change.oldValue = JSON.parse(before);
    if (json !== undefined) change.newValue = JSON.parse(json);
    changes[key] = change;
  }
  // Delivered in a later task, as another context hears of it: the writer's await has returned.
  function tell(changes: StorageChanges): void {
    if (Object.keys(changes).length > 0) setTimeout(() => onChanged.fire(structuredClone(changes)));
  }
  return {
    onChanged,
    async get(keys: string | string[]) {
      return Object.fromEntries(
        keysOf(keys).flatMap((key) => {
          const json = stored.get(key);
          return json === undefined ? [] : [[key, JSON.parse(json)]];
        }),
      );
    },
    async set(items: Record<string, unknown>) {
      const changes: StorageChanges = {};
      for (const [key, value] of Object.entries(items)) write(key, JSON.stringify(value), changes);
      tell(changes);
    },
    async remove(keys: string | string[]) {
      const changes: StorageChanges = {};
      for (const key of keysOf(keys)) write(key, undefined, changes);
      tell(changes);
    },
  };
}

export function createFakeBrowser() {
  const alarms = new Map<string, { periodInMinutes?: number }>();
  const pushes: TabPush[] = [];
  const closedTabs = new Set<number>();
  const events = {
    onMessage: new FakeEvent(),
    onStartup: new FakeEvent(),
    onInstalled: new FakeEvent(),
    onAlarm: new FakeEvent(),
    onCommand: new FakeEvent(),
  };
  /** Delivers a runtime message the way Chrome does: the first listener that answers wins. */
  async function deliver(message: unknown, sender: Runtime.MessageSender): Promise<unknown> {
    const answers = events.onMessage.fire(structuredClone(message), sender);
    const answer = answers.find((value) => value !== undefined);
    return answer === undefined ? undefined : structuredClone(await answer);
  }

  return {
    runtime: {
      id: EXTENSION_ID,
      getURL: (path: string) => new URL(path, EXTENSION_ORIGIN).href,
      onMessage: events.onMessage,
      onStartup: events.onStartup,
      onInstalled: events.onInstalled,
      openOptionsPage: async () => {},
      /** From one of the extension's pages to the background. */
      sendMessage: (message: unknown) => deliver(message, pageSender()),
    },
    storage: {
      local: createStorageArea(),
      // Kept while the browser runs, across service-worker restarts; gone when the browser closes.
      session: createStorageArea(),
    },
    commands: { onCommand: events.onCommand },
    alarms: {
      onAlarm: events.onAlarm,
      async create(name: string, info: { periodInMinutes?: number }) {
        alarms.set(name, info);
      },
    },
    tabs: {
      async sendMessage(tabId: number, message: unknown, options?: { frameId?: number }) {
        if (closedTabs.has(tabId))
          throw new Error("Could not establish connection. Receiving end does not exist.");
        pushes.push({ tabId, frameId: options?.frameId, message: structuredClone(message) });
      },
    },

    // What tests drive and inspect.
    scheduledAlarms: alarms,
    pushes,
    closeTab: (tabId: number) => closedTabs.add(tabId),
    /** Chrome stopped the idle service worker: the listeners it registered went with it. */
    stopWorker: () => {
      for (const event of Object.values(events)) event.listeners.clear();
    },
    deliver,
    fire: {
      startup: () => events.onStartup.fire(),
      installed: () => events.onInstalled.fire({ reason: "install" }),
      alarm: (name: string) => events.onAlarm.fire({ name, scheduledTime: Date.now() }),
      /** The user pressed the shortcut of a manifest command, in tab `tabId`. */
      command: (name: string, tabId: number) => events.onCommand.fire(name, { id: tabId }),
    },
  };
}

export type FakeBrowser = ReturnType<typeof createFakeBrowser>;

/** A content script in a CRM tab. */
export function contentSender(
  tabId = 1,
  url = "https://acme.lightning.force.com/lightning/r/Account/x/view",
) {
  return { id: EXTENSION_ID, url, tab: { id: tabId } as Runtime.MessageSender["tab"], frameId: 0 };
}

/** One of the extension's own pages. */
export function pageSender(path = "extension/pages/options/index.html"): Runtime.MessageSender {
  return { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}${path}` };
}
