import { describe } from "vitest";
import { type CrmUnderTest, offlineScenario, sidebarScenarios, useSignedInStack } from "./crm-sidebar";

const HUBSPOT: CrmUnderTest = {
  crm: "hubspot",
  host: "app.hubspot.com",
  accountPath: (id) => `/contacts/1234567/record/0-2/${id}`,
  singlePageApp: true,
  linkAwayFromAccounts: "Pat Example",
  hostileAccountId: "666",
};

describe("sidebar on HubSpot", () => {
  const stack = useSignedInStack(HUBSPOT);
  sidebarScenarios(HUBSPOT, stack);
  offlineScenario(HUBSPOT, stack);
});
