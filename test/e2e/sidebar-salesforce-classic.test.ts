import { describe } from "vitest";
import { type CrmUnderTest, offlineScenario, sidebarScenarios, useSignedInStack } from "./crm-sidebar";

const SALESFORCE_CLASSIC: CrmUnderTest = {
  crm: "salesforce-classic",
  host: "acme.my.salesforce.com",
  accountPath: (id) => `/${id}`,
  singlePageApp: false,
  linkAwayFromAccounts: "Pat Example",
  hostileAccountId: "001Dn00000XsSzz",
};

describe("sidebar on Salesforce Classic", () => {
  const stack = useSignedInStack(SALESFORCE_CLASSIC);
  sidebarScenarios(SALESFORCE_CLASSIC, stack);
  offlineScenario(SALESFORCE_CLASSIC, stack);
});
